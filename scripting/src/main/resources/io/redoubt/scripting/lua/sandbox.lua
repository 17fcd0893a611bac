-- Redoubt's script sandbox: Redis 7.0.15's Lua environment, built from plain Lua 5.1.
--
-- Runs once per Lua state, after the libraries are open and the Java upcalls are set as globals
-- (__rd_*). Everything here is local to this chunk, so scripts cannot reach the raw upcalls, the
-- debug library or the functions Redis removes.
--
-- Redis 7.0.15 patches its Lua VM to make tables read-only; plain Lua 5.1 cannot, so every table a
-- script reaches through the globals (_G and each library) is an empty proxy whose metatable reads
-- through to the real table and refuses writes with Redis's words. pairs, next, rawget, rawset,
-- setmetatable and getmetatable see through proxies as Redis's VM sees its read-only tables.

local rcall, rpcall, rrandom, rseed, rlog, rsetresp, rsetrepl, rsha1, racl, rmpack, rmunpack =
    __rd_call, __rd_pcall, __rd_random, __rd_seed, __rd_log, __rd_setresp, __rd_setrepl, __rd_sha1hex, __rd_acl,
    __rd_mp_pack, __rd_mp_unpack
local rspack, rsunpack, rssize = __rd_struct_pack, __rd_struct_unpack, __rd_struct_size
local rmillis = __rd_millis
local G = _G
local error, type, tostring, tonumber, select, rawget, rawset, next, setmetatable, getmetatable, setfenv,
      loadstring, load, floor, dbg, registry =
    error, type, tostring, tonumber, select, rawget, rawset, next, setmetatable, getmetatable, setfenv,
    loadstring, load, math.floor, debug, debug.getregistry()

for _, name in ipairs({'__rd_call', '__rd_pcall', '__rd_random', '__rd_seed', '__rd_log', '__rd_setresp',
                       '__rd_setrepl', '__rd_sha1hex', '__rd_acl', '__rd_mp_pack', '__rd_mp_unpack', '__rd_struct_pack', '__rd_struct_unpack', '__rd_struct_size', '__rd_millis', 'loadfile', 'dofile', 'print', 'setfenv',
                       'getfenv', 'newproxy', 'debug', 'module', 'require', 'package'}) do
    G[name] = nil
end

local READONLY = 'Attempt to modify a readonly table'
local checkMemory   -- set at the end: what keeps a script from taking the node's memory

-- the Lua-side half of every redis.* function that fails: Redis's luaPushError table, then raised
local function failure(text)
    return {err = 'ERR ' .. text}
end

local redis = {}
redis.call = function(...)
    local reply, failed = rcall(...)
    if failed then
        error(reply)
    end
    return reply
end
redis.pcall = rpcall
redis.error_reply = function(...)
    local text = ...
    if select('#', ...) ~= 1 or type(text) ~= 'string' then
        return failure('wrong number or type of arguments')
    end
    if text:sub(1, 1) == '-' then
        text = text:sub(2)
    end
    local space = text:find(' ', 1, true)
    local code, message
    if space then
        code, message = text:sub(1, space - 1), text:sub(space + 1)
    else
        code, message = 'ERR', text
    end
    message = message:gsub('^[\r\n]+', ''):gsub('[\r\n]+$', '')
    return {err = code .. ' ' .. message}
end
redis.status_reply = function(...)
    local text = ...
    if select('#', ...) ~= 1 or type(text) ~= 'string' then
        return failure('wrong number or type of arguments')
    end
    return {ok = text}
end
redis.sha1hex = function(...)
    if select('#', ...) ~= 1 then
        error('wrong number of arguments', 0)
    end
    local s = ...
    if type(s) == 'number' then
        s = tostring(s)
    elseif type(s) ~= 'string' then
        s = ''
    end
    return rsha1(s)
end
redis.log = function(...)
    local n = select('#', ...)
    if n < 2 then
        error('redis.log() requires two arguments or more.', 0)
    end
    local level = ...
    if tonumber(level) == nil then
        error('First argument must be a number (log level).', 0)
    end
    level = tonumber(level)
    if level < 0 or level > 3 then
        error('Invalid debug level.', 0)
    end
    local parts = {}
    for i = 2, n do
        local v = select(i, ...)
        if type(v) == 'string' or type(v) == 'number' then
            parts[#parts + 1] = tostring(v)
        end
    end
    rlog(level, table.concat(parts, ' '))
end
redis.setresp = function(...)
    if select('#', ...) ~= 1 then
        error(failure('redis.setresp() requires one argument.'))
    end
    local v = tonumber((...)) or 0
    if v ~= 2 and v ~= 3 then
        error(failure('RESP version must be 2 or 3.'))
    end
    rsetresp(v)
end
redis.set_repl = function(...)
    if select('#', ...) ~= 1 then
        error(failure('redis.set_repl() requires two arguments.'))
    end
    local flags = tonumber((...)) or 0
    if flags ~= 0 and flags ~= 1 and flags ~= 2 and flags ~= 3 then
        error(failure('Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.'))
    end
    rsetrepl(flags)
end
redis.replicate_commands = function() return true end
redis.breakpoint = function() return false end
redis.debug = function() end
redis.acl_check_cmd = function(...)
    local allowed, failed = racl(...)
    if failed then
        error(allowed)
    end
    return allowed
end
redis.REDIS_VERSION = '7.0.15'
redis.REDIS_VERSION_NUM = 458767
redis.LOG_DEBUG, redis.LOG_VERBOSE, redis.LOG_NOTICE, redis.LOG_WARNING = 0, 1, 2, 3
redis.REPL_NONE, redis.REPL_AOF, redis.REPL_SLAVE, redis.REPL_REPLICA, redis.REPL_ALL = 0, 1, 2, 2, 3
G.redis = redis

-- Redis's math.random: rand48 seeded once per Lua state, the same sequence on every node
math.random = function(...)
    local r = rrandom()
    local n = select('#', ...)
    if n == 0 then
        return r
    end
    local args = {...}
    local function int(i, name)
        local v = args[i]
        local x = tonumber(v)
        if x == nil then
            local got = v == nil and 'no value' or type(v)
            error("bad argument #" .. i .. " to '" .. name .. "' (number expected, got " .. got .. ")", 3)
        end
        return x >= 0 and floor(x) or -floor(-x)
    end
    if n == 1 then
        local u = int(1, 'random')
        if u < 1 then
            error("bad argument #1 to 'random' (interval is empty)", 2)
        end
        return floor(r * u) + 1
    elseif n == 2 then
        local l, u = int(1, 'random'), int(2, 'random')
        if l > u then
            error("bad argument #2 to 'random' (interval is empty)", 2)
        end
        return floor(r * (u - l + 1)) + l
    end
    error('wrong number of arguments', 2)
end
math.randomseed = function(...)
    local v = ...
    local x = tonumber(v)
    if x == nil then
        local got = select('#', ...) == 0 and 'no value' or type(v)
        error("bad argument #1 to 'randomseed' (number expected, got " .. got .. ")", 2)
    end
    rseed(x >= 0 and floor(x) or -floor(-x))
end

-- libraries implemented by upcalls answer (FAIL, message) for their wrapper to raise
local FAIL = {}
registry['rd.fail'] = FAIL
local unpack, tostring = unpack, tostring
local function results(...)
    return select('#', ...), {...}
end
local function described(v, present)
    if not present then
        return 'no value'
    end
    return type(v)
end
local function checkstring(fn, i, v, present)
    if type(v) == 'number' then
        return tostring(v)
    elseif type(v) ~= 'string' then
        error('bad argument #' .. i .. " to '" .. fn .. "' (string expected, got " .. described(v, present) .. ')', 3)
    end
    return v
end
local function checkint(fn, i, v, present, default)
    if v == nil and default ~= nil then
        return default
    end
    local n = tonumber(v)
    if n == nil then
        error('bad argument #' .. i .. " to '" .. fn .. "' (number expected, got " .. described(v, present) .. ')', 3)
    end
    return n >= 0 and floor(n) or -floor(-n)
end

local cmsgpack = {_NAME = 'cmsgpack', _VERSION = 'lua-cmsgpack 0.4.0',
                  _COPYRIGHT = 'Copyright (C) 2012, Salvatore Sanfilippo',
                  _DESCRIPTION = 'MessagePack C implementation for Lua'}
cmsgpack.pack = function(...)
    local n, r = results(rmpack(...))
    if r[1] == FAIL then
        error(r[2], 2)
    end
    return r[1]
end
local function msgunpack(fn, s, limit, offset)
    local n, r = results(rmunpack(s, limit, offset))
    if r[1] == FAIL then
        error(r[2], 3)
    end
    return n, r
end
cmsgpack.unpack = function(...)
    local s = checkstring('unpack', 1, (...), select('#', ...) >= 1)
    local n, r = msgunpack('unpack', s, 0, 0)
    return unpack(r, 1, n)
end
cmsgpack.unpack_one = function(...)
    local v, off = ...
    local s = checkstring('unpack_one', 1, v, select('#', ...) >= 1)
    local n, r = msgunpack('unpack_one', s, 1, checkint('unpack_one', 2, off, select('#', ...) >= 2, 0))
    return unpack(r, 1, n)
end
cmsgpack.unpack_limit = function(...)
    local v, lim, off = ...
    local s = checkstring('unpack_limit', 1, v, select('#', ...) >= 1)
    local limit = checkint('unpack_limit', 2, lim, select('#', ...) >= 2)
    local n, r = msgunpack('unpack_limit', s, limit, checkint('unpack_limit', 3, off, select('#', ...) >= 3, 0))
    return unpack(r, 1, n)
end
G.cmsgpack = cmsgpack

local struct = {}
local function structcall(f, ...)
    local n, r = results(f(...))
    if r[1] == FAIL then
        error(r[2], 3)
    end
    return n, r
end
struct.pack = function(...)
    local n, r = structcall(rspack, ...)
    return r[1]
end
struct.unpack = function(...)
    local n, r = structcall(rsunpack, ...)
    return unpack(r, 1, n)
end
struct.size = function(...)
    local n, r = structcall(rssize, ...)
    return r[1]
end
G.struct = struct

-- Redis 7.0's pcall: an error table with an err field (what redis.call raises) is caught as its
-- err string, as scripts written for Redis 6 expect
local rawpcall = pcall
local function caught(ok, ...)
    if ok then
        return true, ...
    end
    local e = ...
    if type(e) == 'table' then
        local message = e.err
        if type(message) == 'string' or type(message) == 'number' then
            return false, message
        end
    end
    return false, e
end
G.pcall = function(...)
    return caught(rawpcall(...))
end

-- the error handler of every script call: Redis's __redis__err__handler, skipping this file's frames
local function handler(err)
    local level = 2
    local info = dbg.getinfo(level, 'nSl')
    while info and (info.what == 'C' or info.source == '=redoubt') do
        level = level + 1
        info = dbg.getinfo(level, 'nSl')
    end
    if type(err) ~= 'table' then
        err = {err = 'ERR ' .. tostring(err)}
    end
    if info then
        err.source = info.source
        err.line = info.currentline
    end
    return err
end
G.__redis__err__handler = handler
registry['rd.handler'] = handler
registry['rd.dump'] = string.dump

-- read-only proxies --------------------------------------------------------------------------------
local real = {}      -- proxy -> the table it stands for
local function refuse()
    error(READONLY, 2)
end
local function protect(t, seen)
    if real[t] then
        return t
    end
    seen = seen or {}
    if seen[t] then
        return seen[t]
    end
    local proxy = {}
    seen[t] = proxy
    for k, v in next, t do
        if type(v) == 'table' and k ~= '_G' then
            rawset(t, k, protect(v, seen))
        end
    end
    real[proxy] = t
    setmetatable(proxy, {__index = t, __newindex = refuse, __metatable = false})
    return proxy
end

G.next = function(t, k)
    return next(real[t] or t, k)
end
local pnext = G.next
G.pairs = function(t)
    if type(t) ~= 'table' then
        error("bad argument #1 to 'pairs' (table expected, got " .. (t == nil and 'no value' or type(t)) .. ")", 2)
    end
    return pnext, t, nil
end
G.rawget = function(t, k)
    return rawget(real[t] or t, k)
end
G.rawset = function(t, k, v)
    if real[t] then
        error(READONLY, 0)
    end
    return rawset(t, k, v)
end
G.setmetatable = function(t, mt)
    if real[t] then
        error(READONLY, 0)
    end
    return setmetatable(t, mt)
end
local globalsMeta   -- what getmetatable(_G) shows: Redis's _G has a metatable (read-only here)
G.getmetatable = function(t)
    if real[t] then
        return real[t] == G and globalsMeta or nil
    end
    return getmetatable(t)
end
-- functions a script compiles see the same read-only globals; Redis refuses precompiled chunks
G.loadstring = function(s, name)
    if type(s) == 'string' and s:byte(1) == 27 then
        return nil, 'binary chunks are not allowed'
    end
    local f, e = loadstring(s, name)
    return f, e
end
G.load = function(f, name)
    if type(f) ~= 'function' then
        return load(f, name)
    end
    local parts = {}
    while true do
        local piece = f()
        if piece == nil or piece == '' then
            break
        end
        parts[#parts + 1] = piece
    end
    return G.loadstring(table.concat(parts), name or '=(load)')
end

-- Functions (FUNCTION LOAD) -------------------------------------------------------------------------
-- A library's code runs with only what Redis's luaEngineCreate gives it (redis.register_function,
-- redis.log, the log levels and the version); the callbacks it registers later run with the scripts'
-- globals. Both reach the globals through one environment whose reads depend on whether a load is
-- under way, as Redis swaps the __index of its globals' metatable around a load.
local registering   -- during a load: the functions registered so far, by name and in order
local lower = string.lower
local FLAG_ORDER = {'no-writes', 'allow-oom', 'allow-stale', 'no-cluster', 'allow-cross-slot-keys'}
local function raise(text)
    error(failure(text))
end
local function isstring(v)
    return type(v) == 'string' or type(v) == 'number'
end
local function readFlags(t)
    local set = {}
    local i = 1
    while true do
        local f = t[i]
        if f == nil then
            break
        end
        if not isstring(f) then
            return nil
        end
        local found = false
        for _, name in ipairs(FLAG_ORDER) do
            if lower(tostring(f)) == name then
                set[name] = true
                found = true
            end
        end
        if not found then
            return nil
        end
        i = i + 1
    end
    local names = {}
    for _, name in ipairs(FLAG_ORDER) do
        if set[name] then
            names[#names + 1] = name
        end
    end
    return table.concat(names, ',')
end
local function register(...)
    if not registering then
        raise('redis.register_function can only be called on FUNCTION LOAD command')
    end
    local n = select('#', ...)
    if n < 1 or n > 2 then
        raise('wrong number of arguments to redis.register_function')
    end
    local name, callback, description, flags = nil, nil, false, ''
    if n == 1 then
        local t = ...
        if type(t) ~= 'table' then
            raise('calling redis.register_function with a single argument is only applicable to Lua table '
                .. '(representing named arguments).')
        end
        for k, v in next, t do
            if not isstring(k) then
                raise('named argument key given to redis.register_function is not a string')
            end
            local key = lower(tostring(k))
            if key == 'function_name' then
                if not isstring(v) then
                    raise('function_name argument given to redis.register_function must be a string')
                end
                name = tostring(v)
            elseif key == 'description' then
                if not isstring(v) then
                    raise('description argument given to redis.register_function must be a string')
                end
                description = tostring(v)
            elseif key == 'callback' then
                if type(v) ~= 'function' then
                    raise('callback argument given to redis.register_function must be a function')
                end
                callback = v
            elseif key == 'flags' then
                if type(v) ~= 'table' then
                    raise('flags argument to redis.register_function must be a table representing function flags')
                end
                flags = readFlags(v)
                if flags == nil then
                    raise('unknown flag given')
                end
            else
                raise('unknown argument given to redis.register_function')
            end
        end
        if name == nil then
            raise('redis.register_function must get a function name argument')
        end
        if callback == nil then
            raise('redis.register_function must get a callback argument')
        end
    else
        local a, b = ...
        if not isstring(a) then
            raise('first argument to redis.register_function must be a string')
        end
        if type(b) ~= 'function' then
            raise('second argument to redis.register_function must be a function')
        end
        name, callback = tostring(a), b
    end
    -- Redis 7.0 words a bad function name as a bad library name
    if not name:find('^[%w_]+$') then
        raise('Library names can only contain letters, numbers, or underscores(_) and must be at least one '
            .. 'character long')
    end
    if registering.names[name] then
        raise('Function already exists in the library')
    end
    registering.names[name] = true
    registering.list[#registering.list + 1] = {name, description, flags}
    registry[registering.prefix .. name] = callback
end
local loadRedis = setmetatable({}, {__index = function(t, k)
    local v = ({register_function = register, log = redis.log, REDIS_VERSION = redis.REDIS_VERSION,
                REDIS_VERSION_NUM = redis.REDIS_VERSION_NUM, LOG_DEBUG = 0, LOG_VERBOSE = 1, LOG_NOTICE = 2,
                LOG_WARNING = 3})[k]
    if v == nil then
        error("Script attempted to access nonexistent global variable '" .. tostring(k) .. "'", 2)
    end
    return v
end, __newindex = refuse, __metatable = false})
local functionsEnv = setmetatable({}, {__index = function(_, k)
    local v
    if registering then
        v = k == 'redis' and loadRedis or nil
    else
        v = rawget(G, k)
    end
    if v == nil then
        error("Script attempted to access nonexistent global variable '" .. tostring(k) .. "'", 2)
    end
    return v
end, __newindex = refuse, __metatable = false})
-- Redis stops a library's code after 500 ms (luaEngineLoadHook), and again at every later hook if the
-- code caught the error
local LOAD_TIMEOUT_MS = 500
registry['rd.load_library'] = function(chunk, prefix)
    setfenv(chunk, functionsEnv)
    registering = {list = {}, names = {}, prefix = prefix}
    local started, expired = rmillis(), false
    local hook, mask, count = dbg.gethook()
    dbg.sethook(function()
        checkMemory()
        if expired or rmillis() - started > LOAD_TIMEOUT_MS then
            expired = true
            error(failure('FUNCTION LOAD timeout'))
        end
    end, '', 1000)
    local ok, err = rawpcall(chunk)
    dbg.sethook(hook, mask, count)
    local list = registering.list
    registering = nil
    if not ok then
        for _, f in ipairs(list) do
            registry[prefix .. f[1]] = nil
        end
        if type(err) == 'table' then
            local message = err.err
            return nil, type(message) == 'string' and message or 'ERR unknown error'
        end
        return nil, 'ERR ' .. tostring(err)
    end
    return list, nil
end
registry['rd.functions_state'] = function()
    rawset(G, 'KEYS', nil)
    rawset(G, 'ARGV', nil)
end

G.KEYS, G.ARGV = {}, {}
local globals = {}
for k, v in next, G do
    if type(v) == 'table' and k ~= '_G' and k ~= 'KEYS' and k ~= 'ARGV' then
        rawset(G, k, protect(v))
    end
end
-- the environment of every script: reads go to the real globals (KEYS and ARGV change per call),
-- unknown names are Redis's error, writes are refused
local env = setmetatable({}, {__index = G, __newindex = refuse, __metatable = false})
real[env] = G
G._G = env
local function nonexistent(_, name)
    error("Script attempted to access nonexistent global variable '" .. tostring(name) .. "'", 2)
end
setmetatable(G, {__index = nonexistent})
globalsMeta = protect({__index = nonexistent})
registry['rd.globals'] = G
registry['rd.env'] = env

-- A script cannot take the node's memory: every thousand instructions a hook looks at the state's
-- size and fails the script past the limit (Redis sets none; it dies with the host instead). The
-- collector runs first, so garbage alone never fails a script.
local collect = collectgarbage
local LIMIT_KB = 1024 * 1024
-- level 3: the function running when the hook fired, seen from here through the hook function
checkMemory = function()
    if collect('count') > LIMIT_KB then
        collect('collect')
        if collect('count') > LIMIT_KB then
            error('script exceeded the Lua memory limit of ' .. (LIMIT_KB / 1024) .. ' MB', 3)
        end
    end
end
local function memoryHook()
    checkMemory()
end
dbg.sethook(memoryHook, '', 1000)
setfenv(0, env)
