-- Latchkey for Neovim's built-in LSP client (Neovim 0.7+).
--
--   require('latchkey').setup({ jar = '/path/to/latchkey-inspections-all.jar' })
--
-- Starts `java -jar <jar> lsp` for Java buffers, rooted at the nearest pom.xml, build.gradle or
-- .git; `init_options` are Latchkey's settings (see README, "In your editor").
local M = {}

local function root_of(path)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  while dir and dir ~= '/' do
    for _, marker in ipairs({ 'pom.xml', 'build.gradle', 'build.gradle.kts', '.git' }) do
      if vim.loop.fs_stat(dir .. '/' .. marker) then
        return dir
      end
    end
    dir = vim.fn.fnamemodify(dir, ':h')
  end
  return vim.fn.getcwd()
end

-- The client of the workspace at `root`, started on first use.
function M.client_for(root, opts)
  M.clients = M.clients or {}
  local id = M.clients[root]
  if not id then
    id = vim.lsp.start_client({
      name = 'latchkey',
      cmd = { opts.java or 'java', '-jar', opts.jar, 'lsp' },
      root_dir = root,
      init_options = opts.init_options or {},
      handlers = opts.handlers,
    })
    M.clients[root] = id
  end
  return id
end

function M.start(bufnr, opts)
  local id = M.client_for(root_of(vim.api.nvim_buf_get_name(bufnr)), opts)
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

function M.setup(opts)
  vim.api.nvim_create_autocmd('FileType', {
    pattern = 'java',
    callback = function(args)
      M.start(args.buf, opts)
    end,
  })
end

return M
