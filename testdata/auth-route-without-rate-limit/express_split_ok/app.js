const express = require('express');
const authRoutes = require('./routes/auth');
const { authLimiter } = require('./middleware/limits');

const app = express();
app.use(express.json());
if (process.env.NODE_ENV === 'production') {
  app.use('/api/auth', authLimiter);
}
app.use('/api/auth', authRoutes);

app.use((err, req, res, next) => res.status(500).json({ error: "internal" }));

app.listen(process.env.PORT || 3000);
