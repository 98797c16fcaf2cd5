DATABASES = {"default": {"HOST": "db", "USER": "app", "PASSWORD": "appsecret9"}}
