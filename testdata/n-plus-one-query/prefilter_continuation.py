def recent_customers(ids):
	for i in ids:
		# expect: n-plus-one-query
		row = Customer.objects \
			.get(pk=i)
		print(row)
