"""User settings read from disk: for now, the keymap that remaps bindings by id.

`keymap.json` in the user's config folder (or `--keymap FILE`) maps binding ids
to keys, e.g. {"app.copy": "c", "list.down": "j,down"}; `?` lists the ids.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

ENV_DIR = "WIRELENS_CONFIG_DIR"


def user_dir(kind: str, env_var: str) -> Path:
    """Wirelens's per-user `kind` folder ("config", "cache"); `env_var` overrides it (tests do)."""
    env = os.environ.get(env_var)
    if env:
        return Path(os.path.expanduser(env))  # "~/x" as a shell would, not a folder named "~"
    import platformdirs

    return Path(getattr(platformdirs, f"user_{kind}_dir")("wirelens", appauthor=False))


def config_dir() -> Path:
    return user_dir("config", ENV_DIR)


class ConfigError(ValueError):
    """A settings file that cannot be used; the message names it and says why."""


def load_keymap(path: str | os.PathLike | None = None) -> dict[str, str]:
    """The keymap, or {} when there is no file; a bad file raises ConfigError."""
    explicit = path is not None
    file = Path(path) if path is not None else config_dir() / "keymap.json"
    try:
        raw = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        if explicit:
            raise ConfigError(f"{file}: no such file") from None
        return {}
    except OSError as exc:
        raise ConfigError(f"{file}: cannot read ({(exc.strerror or str(exc)).lower()})") from None
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise ConfigError(f"{file}: not valid JSON ({exc})") from None
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise ConfigError(f'{file}: expected an object of binding ids to keys, like {{"app.copy": "c"}}')
    return data
