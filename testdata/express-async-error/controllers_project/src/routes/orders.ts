import { Router } from 'express';
import OrderController from '../controllers/orders';
import * as payments from '../controllers/payments';

const router = Router();

router.get('/', OrderController.list);
router.post('/:id/pay', payments.pay);

export default router;
