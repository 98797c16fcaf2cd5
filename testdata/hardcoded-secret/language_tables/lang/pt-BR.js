module.exports = {
  password: 'Senha',
  required: 'Obrigatório',
};
