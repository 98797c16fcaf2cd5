const express = require('express');

const router = express.Router();

router.delete('/extensions/:id', requireAdmin, async (req, res) => {
  try {
    await uninstallExtension(req.params.id);
    res.json({ ok: true });
  } catch (err) {
    res.status(500).json({ error: err.message });
  }
});

router.get('/admin/extensions/:id', requireLogin, async (req, res) => {
  try {
    res.json(await extensionDetails(req.params.id));
  } catch (err) {
    res.status(500).json({ error: err.message }); // expect: error-details-leak
  }
});

router.post('/connectors/:id/test', requirePermission('manage:connectors'), async (req, res) => {
  try {
    res.json(await testConnector(req.params.id));
  } catch (err) {
    res.status(500).json({ error: err.message });
  }
});

router.get('/chats/:id', requirePermission('read:chats'), async (req, res) => {
  try {
    res.json(await loadChat(req.params.id));
  } catch (err) {
    res.status(500).json({ error: err.message }); // expect: error-details-leak
  }
});

router.get('/admin/audit/export', requirePermission('audit:read'), async (req, res) => {
  try {
    res.json(await exportAudit(req.query));
  } catch (err) {
    res.status(500).json({ error: err.message });
  }
});

router.get('/reports/export', requirePermission('reports:read'), async (req, res) => {
  try {
    res.json(await exportReports(req.query));
  } catch (err) {
    res.status(500).json({ error: err.message }); // expect: error-details-leak
  }
});

router.post('/system/prompt', [requireLogin, roleValid([ROLES.admin])], async (req, res) => {
  try {
    res.json(await updateSystemPrompt(req.body));
  } catch (err) {
    res.status(500).json({ error: err.message });
  }
});

router.post('/workspaces/:slug/chat', [requireLogin, roleValid([ROLES.member])], async (req, res) => {
  try {
    res.json(await chat(req.params.slug, req.body));
  } catch (err) {
    res.status(500).json({ error: err.message }); // expect: error-details-leak
  }
});

module.exports = router;
