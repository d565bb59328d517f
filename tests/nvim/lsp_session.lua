-- Drives `adf lsp` from a headless Neovim (0.7 or newer) the way a user's config would:
-- vim.lsp.start_client on a factory folder, then diagnostics, completion and go-to-definition
-- on one of its datasets. Run by tests/neovim.rs with:
--   ADF_LSP_BIN  the adf binary      ADF_NVIM_ROOT  the factory folder (a scratch copy)
--   ADF_NVIM_LOG where each step writes one JSON line: {"step", "ok", "detail"} (and each
--                message Neovim would show, {"note", "level"})
-- It quits with code 0 when every step passed, 1 otherwise.

local bin = os.getenv('ADF_LSP_BIN')
local root = os.getenv('ADF_NVIM_ROOT')
local log_path = os.getenv('ADF_NVIM_LOG')
-- Per wait; four failing waits must still end before the test's 60 s limit.
local TIMEOUT = 10000

local log = assert(io.open(log_path, 'w'))
local failed = false

local function record(step, ok, detail)
  if not ok then
    failed = true
  end
  log:write(vim.fn.json_encode({ step = step, ok = ok, detail = detail or '' }) .. '\n')
  log:flush()
end

-- Messages go to the log instead of the screen: a headless Neovim would wait at a hit-enter
-- prompt for them.
vim.o.more = false
vim.notify = function(msg, level)
  log:write(vim.fn.json_encode({ note = tostring(msg), level = level or 0 }) .. '\n')
  log:flush()
end

-- Every publishDiagnostics is counted per buffer, so "no errors" can be told from "not yet".
local published = {}

local function on_publish(err, result, ctx, config)
  local buf = vim.uri_to_bufnr(result.uri)
  published[buf] = (published[buf] or 0) + 1
  return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
end

local function codes(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf, { severity = vim.diagnostic.severity.ERROR })) do
    table.insert(out, tostring(d.code))
  end
  return out
end

local function has(list, value)
  for _, v in ipairs(list) do
    if v == value then
      return true
    end
  end
  return false
end

-- The (0-based) row and byte columns of the first match of `pattern` (a plain string) in a line.
local function find(buf, pattern)
  for row, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local s, e = line:find(pattern, 1, true)
    if s then
      return row - 1, s - 1, e
    end
  end
  error('no `' .. pattern .. '` in the buffer')
end

local function run()
  assert(bin and root and log_path, 'ADF_LSP_BIN, ADF_NVIM_ROOT and ADF_NVIM_LOG must be set')
  local client_id = vim.lsp.start_client({
    name = 'adf',
    cmd = { bin, 'lsp' },
    root_dir = root,
    filetypes = { 'json' },
    handlers = { ['textDocument/publishDiagnostics'] = on_publish },
  })
  record('start_client', client_id ~= nil, 'client id ' .. tostring(client_id))
  if not client_id then
    return
  end

  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/TrainedModel.json'))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'json'
  vim.lsp.buf_attach_client(buf, client_id)
  local ready = vim.wait(TIMEOUT, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return c ~= nil and c.initialized and (published[buf] or 0) > 0
  end, 20)
  local client = vim.lsp.get_client_by_id(client_id)
  local enc = client and client.offset_encoding or 'utf-16'

  -- a) Diagnostics: none on the clean file, then an unresolved reference after an edit.
  record('clean file has no errors', ready and #codes(buf) == 0,
    ready and table.concat(codes(buf), ', ') or 'no publishDiagnostics in time')

  local row, s, e = find(buf, '"linkedServiceName": "BlobStorage"')
  local name_start = s + #'"linkedServiceName": "'
  local name_end = e - 1
  vim.api.nvim_buf_set_text(buf, row, name_start, row, name_end, { 'NoSuchStorage' })
  local broken = vim.wait(TIMEOUT, function()
    return has(codes(buf), 'unresolved-reference')
  end, 20)
  record('edit to a missing name is an unresolved-reference error', broken,
    table.concat(codes(buf), ', '))

  vim.api.nvim_buf_set_text(buf, row, name_start, row, name_start + #'NoSuchStorage', { 'BlobStorage' })
  local fixed = vim.wait(TIMEOUT, function()
    return #codes(buf) == 0
  end, 20)
  record('undoing the edit clears the error', fixed, table.concat(codes(buf), ', '))

  -- b) Completion of a property name in the dataset's `properties` object.
  local prow = find(buf, '"properties": {')
  vim.api.nvim_buf_set_lines(buf, prow + 1, prow + 1, false, { '        "ext' })
  vim.api.nvim_win_set_cursor(0, { prow + 2, #'        "ext' })
  local params = vim.lsp.util.make_position_params(0, enc)
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/completion', params, TIMEOUT) or {}
  local items = {}
  for _, r in pairs(responses) do
    local res = r.result or {}
    for _, item in ipairs(res.items or res) do
      table.insert(items, item)
    end
  end
  local chosen
  local labels = {}
  for _, item in ipairs(items) do
    table.insert(labels, item.label)
    if item.label == 'external' then
      chosen = item
    end
  end
  record('completion offers the property `external`', chosen ~= nil, table.concat(labels, ', '))
  if chosen then
    local new_text = (chosen.textEdit and chosen.textEdit.newText) or chosen.insertText or chosen.label
    if chosen.insertTextFormat == 2 then
      new_text = vim.lsp.util.parse_snippet(new_text)
    end
    if chosen.textEdit then
      local edit = vim.deepcopy(chosen.textEdit)
      edit.range = edit.range or edit.replace
      edit.newText = new_text
      vim.lsp.util.apply_text_edits({ edit }, buf, enc)
    else
      -- Without a text edit the item replaces the word before the cursor, as the built-in
      -- omnifunc does (`"` is not a keyword character, so the word is `ext`).
      local typed = '        "ext'
      local word = vim.fn.match(typed, '\\k*$')
      vim.api.nvim_buf_set_text(buf, prow + 1, word, prow + 1, #typed, { new_text })
    end
    local line = vim.api.nvim_buf_get_lines(buf, prow + 1, prow + 2, false)[1] or ''
    record('the applied completion is in the buffer', line:find('"external"', 1, true) ~= nil, line)
  end
  vim.api.nvim_buf_set_lines(buf, prow + 1, prow + 2, false, {})

  -- c) Go to definition: from the dataset's linkedServiceName to the linked service's file.
  local drow, ds = find(buf, '"BlobStorage"')
  vim.api.nvim_win_set_cursor(0, { drow + 1, ds + 3 })
  params = vim.lsp.util.make_position_params(0, enc)
  responses = vim.lsp.buf_request_sync(buf, 'textDocument/definition', params, TIMEOUT) or {}
  local location
  for _, r in pairs(responses) do
    local res = r.result
    if res and res[1] then
      location = res[1]
    elseif res and (res.uri or res.targetUri) then
      location = res
    end
  end
  record('definition answers a location', location ~= nil, vim.fn.json_encode(responses))
  if location then
    vim.lsp.util.jump_to_location(location, enc)
    local name = vim.api.nvim_buf_get_name(0)
    local cursor = vim.api.nvim_win_get_cursor(0)
    local line = vim.api.nvim_get_current_line()
    record('jumped to the linked service file', vim.endswith(name, '/BlobStorage.json'),
      name .. ':' .. cursor[1] .. ': ' .. line)
    record('the cursor is on its name', line:find('"BlobStorage"', 1, true) ~= nil, line)
  end

  vim.lsp.stop_client(client_id)
  vim.wait(TIMEOUT, function()
    return vim.lsp.get_client_by_id(client_id) == nil
  end, 20)
end

local ok, err = pcall(run)
if not ok then
  record('script error', false, tostring(err))
end
log:close()
if failed then
  vim.cmd('cquit 1')
else
  vim.cmd('qa!')
end
