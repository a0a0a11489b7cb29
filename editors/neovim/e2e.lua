-- End-to-end test: headless Neovim opens fixture files with Latchkey's language server attached,
-- waits (bounded) for each file's diagnostics, and compares them with the files' markers
-- (`// expect: Id`, and `// expect[..., source, ...]: Id`). Run by editors/neovim/e2e.sh.
local jar = os.getenv('LATCHKEY_JAR')
local root = os.getenv('LATCHKEY_WORKSPACE')
local files = vim.split(os.getenv('LATCHKEY_FILES') or '', ' ', { trimempty = true })
local timeout_ms = tonumber(os.getenv('LATCHKEY_TIMEOUT_MS') or '120000')

package.path = os.getenv('LATCHKEY_NVIM_DIR') .. '/?.lua;' .. package.path
local latchkey = require('latchkey')

local published = {}
local function on_publish(err, result, ctx, config)
  published[vim.uri_to_fname(result.uri)] = result.diagnostics
end
local indexed = false
local function on_log(err, result, ctx, config)
  if result.message:find('latchkey: indexed') then
    indexed = true
  end
end

local function expected_of(path)
  local expected = {}
  local n = 0
  for line in io.lines(path) do
    n = n + 1
    local restricted, ids = line:match('//%s*expect%[([%w,%s]+)%]:%s*(.+)$')
    if not ids then
      ids = line:match('//%s*expect:%s*(.+)$')
    end
    if ids and (not restricted or restricted:find('source')) then
      for id in ids:gmatch('[%w]+') do
        table.insert(expected, n .. ':' .. id)
      end
    end
  end
  table.sort(expected)
  return expected
end

local failures = 0
local function finish()
  io.stdout:write(failures == 0 and 'neovim e2e: all files match their markers\n' or ('neovim e2e: ' .. failures .. ' files differ\n'))
  vim.cmd(failures == 0 and 'qall!' or 'cquit 1')
end

local opts = {
  jar = jar,
  init_options = {
    mavenClasspath = false,
    debounceMillis = 50,
    acquireMethods = os.getenv('LATCHKEY_ACQUIRE'),
    releaseMethods = os.getenv('LATCHKEY_RELEASE'),
    classpath = vim.split(os.getenv('LATCHKEY_CLASSPATH') or '', ':', { trimempty = true }),
  },
  handlers = { ['textDocument/publishDiagnostics'] = on_publish, ['window/logMessage'] = on_log },
}

-- Start the server first and wait until it has indexed the workspace (lock order across files).
latchkey.client_for(root, opts)
local started = vim.loop.now()
while not indexed and vim.loop.now() - started < timeout_ms do
  vim.wait(5000, function() return indexed end, 100)
  io.stdout:write(string.format('waiting for the server to index the workspace: %.0f s\n', (vim.loop.now() - started) / 1000))
  io.stdout:flush()
end
if not indexed then
  io.stdout:write('neovim e2e: the server did not index the workspace in time\n')
  vim.cmd('cquit 1')
end

for i, relative in ipairs(files) do
  local path = root .. '/' .. relative
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  latchkey.start(buf, opts)
  local started = vim.loop.now()
  local arrived = false
  -- Bounded, and never silent for long: a line every 5 s while the diagnostics are awaited.
  while not arrived and vim.loop.now() - started < timeout_ms do
    arrived = vim.wait(5000, function()
      return published[path] ~= nil
    end, 100)
    if not arrived then
      io.stdout:write(string.format('[%d/%d] %s: waiting for diagnostics: %.0f s\n', i, #files, relative, (vim.loop.now() - started) / 1000))
      io.stdout:flush()
    end
  end
  local seconds = (vim.loop.now() - started) / 1000
  if not arrived then
    io.stdout:write(string.format('[%d/%d] %s: no diagnostics within %d s\n', i, #files, relative, timeout_ms / 1000))
    failures = failures + 1
  else
    local actual = {}
    for _, d in ipairs(published[path]) do
      table.insert(actual, (d.range.start.line + 1) .. ':' .. tostring(d.code))
    end
    table.sort(actual)
    local expected = expected_of(path)
    local same = table.concat(actual, ' ') == table.concat(expected, ' ')
    io.stdout:write(string.format('[%d/%d] %s: %s after %.1f s\n', i, #files, relative, same and 'ok' or 'DIFFERENT', seconds))
    if not same then
      failures = failures + 1
      io.stdout:write('  expected: ' .. table.concat(expected, ' ') .. '\n  actual:   ' .. table.concat(actual, ' ') .. '\n')
    end
  end
  io.stdout:flush()
end
finish()
