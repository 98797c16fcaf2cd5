const stripeKey = process.env.STRIPE_SECRET_KEY;
module.exports = { stripeKey };
