from dataclasses import dataclass


@dataclass
class Point:
    x: int
    y: int


def describe(value: object) -> str:
    match value:
        case Point(x=0, y=0):
            return "origin"
        case Point(x=x, y=y) if x == y:
            return f"diagonal {x!r}"
        case [first, *rest]:
            return f"list starting {first} and {len(rest)} more"
        case _:
            return "other"


async def total(items: list[int]) -> int:
    if (count := len(items)) == 0:
        return 0
    return sum(i async for i in aiter_items(items)) // count


async def aiter_items(items):
    for item in items:
        yield item
