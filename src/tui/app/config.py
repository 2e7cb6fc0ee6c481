"""User configuration for the dashboard: key remapping from ``keymap.toml`` (read only).

The file lives in ``platformdirs.user_config_dir("newsdash")``, or in the folder named by
``NEWSDASH_CONFIG_DIR``. It maps binding ids to keys, either at top level or under
``[keymap]``::

    [keymap]
    "app.quit" = "ctrl+q"
    "people.sort" = "o"
    "list.down" = "j,n"
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from platformdirs import user_config_dir

ENV_CONFIG_DIR = "NEWSDASH_CONFIG_DIR"
KEYMAP_FILE = "keymap.toml"


def config_dir() -> Path:
    override = os.environ.get(ENV_CONFIG_DIR)
    if override:
        return Path(override)
    return Path(user_config_dir("newsdash"))


def load_keymap(
    known_ids: set[str], directory: Path | None = None
) -> tuple[dict[str, str], list[str]]:
    """The user's key overrides and one warning line per problem (never raises)."""
    path = (directory or config_dir()) / KEYMAP_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}, []
    except OSError as error:
        return {}, [f"{path}: cannot read keymap ({error.strerror or error})"]
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return {}, [f"{path}: not valid TOML ({error})"]
    table = data.get("keymap", data)
    if not isinstance(table, dict):
        return {}, [f"{path}: [keymap] must be a table of binding id = keys"]
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in table.items():
        if binding_id not in known_ids:
            problems.append(f"{path}: unknown binding id {binding_id!r}")
        elif not isinstance(keys, str) or not keys.strip():
            problems.append(f"{path}: keys for {binding_id!r} must be a non-empty string")
        else:
            keymap[binding_id] = keys
    return keymap, problems
