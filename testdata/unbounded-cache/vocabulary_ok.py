from typing import Literal

JS_ENUMS = {}
_greetings = {}
_listeners = {}


def js_enum(cls):
    if cls.__name__ not in JS_ENUMS:
        JS_ENUMS[cls.__name__] = dict(cls.__members__)
    return cls


def greeting(language: str) -> str:
    if language not in _greetings:
        _greetings[language] = build_greeting(language)
    return _greetings[language]


def theme_colours(mode: Literal["light", "dark"]):
    if mode not in _greetings:
        _greetings[mode] = load_colours(mode)
    return _greetings[mode]


def register_listener(queue, name):
    if name in _listeners:
        raise ValueError(name)
    _listeners[name] = queue
