from functools import lru_cache


class PriceService:
    @lru_cache(maxsize=None)  # expect: unbounded-cache
    def price(self, sku):
        return load_price(sku)
