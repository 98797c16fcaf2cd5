module.exports = {
  download: 'Herunterladen',
  password: 'Passwort',
  retention: 'Aufbewahrung',
};
