const router = require('express').Router();
const userController = require('../controllers/users');
const { getProfile } = require('../controllers/profile');

router.get('/', userController.list);
router.get('/:id', userController.show);
router.post('/', userController.create);
router.get('/me/profile', getProfile);

module.exports = router;
