-- Headless Neovim as a real LSP client of `articlelint server` (tests/test_server_neovim.py).
-- Opens ARTICLELINT_FILE, starts the server with ARTICLELINT_SERVER (a JSON list) for the
-- workspace ARTICLELINT_ROOT, waits for its diagnostics, and writes to ARTICLELINT_OUT
-- what the server sent (LSP ranges) and what Neovim made of them (buffer byte columns).
-- Works with Neovim 0.7 (Debian 12: vim.lsp.start_client) and later (vim.lsp.start).

local env = vim.env
local out = env.ARTICLELINT_OUT
local function finish(result)
  vim.fn.writefile({ vim.json.encode(result) }, out)
  vim.cmd('qall!')
end

vim.cmd('edit ' .. vim.fn.fnameescape(env.ARTICLELINT_FILE))
local bufnr = vim.api.nvim_get_current_buf()
local published = nil

local config = {
  name = 'articlelint',
  cmd = vim.json.decode(env.ARTICLELINT_SERVER),
  root_dir = env.ARTICLELINT_ROOT,
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, conf)
      if result and vim.uri_to_bufnr(result.uri) == bufnr then
        published = result
      end
      return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, conf)
    end,
  },
}

local client_id
if vim.lsp.start then
  client_id = vim.lsp.start(config)
else
  client_id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(bufnr, client_id)
end

local got = vim.wait(30000, function()
  return published ~= nil and #vim.diagnostic.get(bufnr) == #published.diagnostics
end, 20)
if not got then
  finish({ error = 'no diagnostics from the server within 30 s' })
  return
end

local result = { nvim = vim.fn.has('nvim-0.8') == 1 and 'start' or 'start_client', sent = {}, shown = {} }
for _, d in ipairs(published.diagnostics) do
  table.insert(result.sent, {
    code = d.code, source = d.source,
    range = { d.range.start.line, d.range.start.character, d.range['end'].line, d.range['end'].character },
  })
end
local shown = vim.diagnostic.get(bufnr)
table.sort(shown, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
for _, d in ipairs(shown) do
  local line = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1] or ''
  table.insert(result.shown, {
    code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code),
    lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    text = string.sub(line, d.col + 1, d.end_col),
  })
end

-- Stop the server cleanly (shutdown, then exit) before leaving.
vim.lsp.stop_client(client_id)
vim.wait(10000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
finish(result)
