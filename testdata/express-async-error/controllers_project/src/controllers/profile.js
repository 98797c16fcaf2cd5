module.exports = {
  // expect: express-async-error
  async getProfile(req, res) {
    const profile = await Profile.findOne({ user: req.user.id });
    res.json(profile);
  },
};
