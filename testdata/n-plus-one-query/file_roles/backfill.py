# A script run by hand (a __main__ block that starts no server): not checked for N+1 queries.
def backfill(ids):
    for customer_id in ids:
        Customer.objects.get(pk=customer_id)


if __name__ == "__main__":
    backfill(range(100))
