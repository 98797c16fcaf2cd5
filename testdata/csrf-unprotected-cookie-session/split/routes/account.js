const express = require('express');

const router = express.Router();

router.get('/', (req, res) => res.render('account', { user: req.session.user }));
router.post('/email', (req, res, next) => {
  req.app.locals.accounts.changeEmail(req.session.userId, req.body.email).then(() => res.redirect('/account'), next);
});

module.exports = router;
