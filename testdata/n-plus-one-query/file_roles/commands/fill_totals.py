# A script that parses its command line when run: not checked.
import argparse

parser = argparse.ArgumentParser(description="Fill the totals column")
parser.add_argument("--start", type=int, default=0)
args = parser.parse_args()

for order in Session.query(Order).filter(Order.id >= args.start):
    Session.execute("UPDATE orders SET total = :t WHERE id = :id", {"t": order.sum(), "id": order.id})
