"""User settings on disk: the keymap that remaps bindings by id, and the theme.

`keymap.json` in the user's config folder (or `--keymap FILE`) maps binding ids
to keys, e.g. {"app.copy": "ctrl+y", "list.down": "j,down"}; `?` lists the ids.
`settings.json` there keeps what the app learns as it is used: the theme picked.
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
        raise ConfigError(f'{file}: expected an object of binding ids to keys, like {{"app.copy": "ctrl+y"}}')
    return data


SETTINGS = "settings.json"


def load_setting(key: str) -> str | None:
    """A remembered setting, or None; a missing or broken file is no settings, never an error."""
    try:
        data = json.loads((config_dir() / SETTINGS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def save_setting(key: str, value: str) -> str | None:
    """Remember a setting for the next start, atomically: None when done, else why not.

    Only a missing file starts afresh. One that cannot be read or is not a JSON object
    (hand-edited, say) is left as it is: rewriting it would lose what else it holds."""
    from .export.output import write_atomic
    from .sources.names import escape_name

    path = config_dir() / SETTINGS
    shown = escape_name(str(path))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        data = {}
    except OSError as exc:
        return f"{shown}: {(exc.strerror or str(exc)).lower()}"
    except ValueError:
        return f"{shown}: not valid JSON; mend or remove it"
    if not isinstance(data, dict):
        return f"{shown}: not a JSON object; mend or remove it"
    data[key] = value
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(str(path), json.dumps(data, indent=2) + "\n")
    except OSError as exc:
        return f"{shown}: {(exc.strerror or str(exc)).lower()}"
    except ValueError as exc:
        return f"{shown}: {exc}"
    return None
