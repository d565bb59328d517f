"""Runs the bash steps of the Azure Pipelines template adf-check.yml here, as an agent would run
them in order, so that the test exercises the template's own script text rather than a copy.

Only what the template uses is emulated: ${{ parameters.x }} from the parameters given (or their
defaults), the $(Build.ArtifactStagingDirectory) and $(variable) macros, ##vso[task.setvariable]
lines setting variables for later steps, and the conditions the template's steps carry, which
are evaluated for this template's two shapes. The publish task is not run; whether it would run
is printed as `publish: yes|no`.

usage: run-locally.py TEMPLATE STAGING_DIR [name=value ...]   (PyYAML needed)
exit status: that of the last step that failed, else 0
"""

import os
import re
import subprocess
import sys

import yaml


def main() -> int:
    template_path, staging = sys.argv[1], sys.argv[2]
    given = dict(arg.split("=", 1) for arg in sys.argv[3:])
    with open(template_path, encoding="utf-8") as f:
        template = yaml.safe_load(f)
    params = {p["name"]: str(p.get("default", "")) for p in template["parameters"]}
    unknown = set(given) - set(params)
    if unknown:
        sys.exit(f"error: the template has no parameter {sorted(unknown)}")
    params.update(given)
    variables = {"Build.ArtifactStagingDirectory": staging}

    def expand(text: str) -> str:
        text = re.sub(r"\$\{\{\s*parameters\.(\w+)\s*\}\}", lambda m: params[m.group(1)], text)
        return re.sub(r"\$\(([\w.]+)\)", lambda m: variables.get(m.group(1), m.group(0)), text)

    def condition_holds(condition: str) -> bool:
        # The template's conditions are and(always(), ...) of eq/ne over variables['x'] and
        # literals; evaluated here with the agent's case-insensitive string comparison.
        condition = expand(condition)
        terms = re.findall(r"(eq|ne)\(([^,()]+(?:\[[^\]]*\])?),\s*'([^']*)'\)", condition)
        if not condition.startswith("and(always()") or not terms:
            sys.exit(f"error: condition not understood by this runner: {condition}")
        for op, left, right in terms:
            left = left.strip()
            m = re.fullmatch(r"variables\['([\w.]+)'\]", left)
            value = variables.get(m.group(1), "") if m else left.strip("'")
            if (value.lower() == right.lower()) != (op == "eq"):
                return False
        return True

    status = 0
    for step in template["steps"]:
        if "condition" in step and not condition_holds(step["condition"]):
            if "task" in step:
                print("publish: no")
            continue
        if "task" in step:
            print("publish: yes")
            continue
        env = dict(os.environ)
        env.update({k: expand(str(v)) for k, v in step.get("env", {}).items()})
        env.setdefault("AGENT_TEMPDIRECTORY", staging)
        run = subprocess.run(["bash", "-c", step["bash"]], env=env, stdout=subprocess.PIPE, text=True)
        sys.stdout.write(run.stdout)
        for name, value in re.findall(r"##vso\[task\.setvariable variable=([\w.]+)\]([^\n]*)", run.stdout):
            variables[name] = value
        if run.returncode != 0:
            status = run.returncode
    return status


if __name__ == "__main__":
    sys.exit(main())
