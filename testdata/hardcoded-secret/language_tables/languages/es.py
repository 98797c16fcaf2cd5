LABELS = {
    "password": "Contraseña",
    "settings": "Ajustes",
}
