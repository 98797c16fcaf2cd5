const express = require('express');
const axios = require('axios');

const router = express.Router();

router.get('/:city', async (req, res, next) => {
  try {
    const { data } = await axios.get(`https://weather.example.com/v1/${req.params.city}`, {
      headers: { Accept: 'application/json' },
    });
    res.json(data);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
