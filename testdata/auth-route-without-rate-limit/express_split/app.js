const express = require('express');
const authRoutes = require('./routes/auth');
const postRoutes = require('./routes/posts');

const app = express();
app.use(express.json());
app.use('/api/auth', authRoutes);
app.use('/api/posts', postRoutes);

app.use((err, req, res, next) => res.status(500).json({ error: "internal" }));

app.listen(process.env.PORT || 3000);
