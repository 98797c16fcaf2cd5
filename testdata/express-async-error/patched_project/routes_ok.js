const { Router } = require('express');
const router = Router();

router.get('/users', async (req, res) => {
  res.json(await User.find());
});

module.exports = router;
