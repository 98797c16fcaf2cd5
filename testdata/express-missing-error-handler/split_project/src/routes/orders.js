const { Router } = require('express');

const router = Router();

router
  .route('/:id')
  .get(async (req, res, next) => {
    try {
      res.json(await req.db.orders.findById(req.params.id));
    } catch (err) {
      next(err);
    }
  });

module.exports = router;
