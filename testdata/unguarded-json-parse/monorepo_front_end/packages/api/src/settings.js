const express = require("express")

const router = express.Router()

router.put("/settings", express.text(), (req, res) => {
  const settings = JSON.parse(req.body) // expect: unguarded-json-parse
  res.json(settings)
})

module.exports = router
