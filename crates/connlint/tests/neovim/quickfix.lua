-- Driven by tests/neovim.rs: Neovim's own LSP client against `connlint server`.
-- Opens CONNLINT_FILE, waits for connlint's diagnostics, applies the quick fix of the
-- `visibility-value` finding, waits for that finding to go, and writes what it saw to
-- CONNLINT_OUT, one fact a line. Works with Neovim 0.7 (vim.lsp.start_client) and later
-- (vim.lsp.start).

local out_path = os.getenv("CONNLINT_OUT")
local function say(line)
  local out = io.open(out_path, "a")
  out:write(line .. "\n")
  out:close()
end
local function fail(message)
  say("FAIL " .. message)
  vim.cmd("cquit 1")
end

local file = os.getenv("CONNLINT_FILE")
vim.cmd("edit " .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local config = {
  name = "connlint",
  cmd = { os.getenv("CONNLINT_BIN"), "server" },
  root_dir = vim.fn.fnamemodify(file, ":h"),
}
if vim.lsp.start then
  vim.lsp.start(config, { bufnr = bufnr })
else
  local client_id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(bufnr, client_id)
end

local function code_of(diagnostic)
  if diagnostic.code then
    return diagnostic.code
  end
  local lsp = diagnostic.user_data and diagnostic.user_data.lsp
  return lsp and lsp.code
end

local function find(rule)
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
    if code_of(diagnostic) == rule then
      return diagnostic
    end
  end
end

if not vim.wait(30000, function() return find("visibility-value") ~= nil end, 20) then
  fail("no visibility-value diagnostic")
end
local found = find("visibility-value")
-- Neovim keeps byte columns: it converted connlint's UTF-16 range itself.
say(string.format("DIAGNOSTIC visibility-value %d:%d-%d:%d", found.lnum, found.col, found.end_lnum, found.end_col))

vim.api.nvim_win_set_cursor(0, { found.lnum + 1, found.col + 2 })
local params = vim.lsp.util.make_range_params()
params.context = { diagnostics = {}, only = { "quickfix" } }
local answers = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, 20000) or {}
local applied = false
for _, answer in pairs(answers) do
  for _, action in ipairs(answer.result or {}) do
    if not applied and action.title == "Fix `visibility-value`" then
      vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
      applied = true
      say("APPLIED " .. action.title)
    end
  end
end
if not applied then
  fail("no quick fix offered")
end

if not vim.wait(30000, function() return find("visibility-value") == nil end, 20) then
  fail("the diagnostic stayed after the fix")
end
say("GONE visibility-value")
say("LINE " .. vim.api.nvim_buf_get_lines(bufnr, found.lnum, found.lnum + 1, false)[1])
say("DONE")
vim.cmd("qall!")
