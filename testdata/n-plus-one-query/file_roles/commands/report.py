# A module that only defines a parser for others to use: still checked.
import argparse


def totals(ids):
    for order_id in ids:
        Session.execute("SELECT total FROM orders WHERE id = :id", {"id": order_id})  # expect: n-plus-one-query


def main(parser: argparse.ArgumentParser):
    args = parser.parse_args()
    totals(args.ids)
