-- os.time with a table: normalization, field errors, updated fields (TZ-independent checks)
local function show(t)
  local keys = {"year", "month", "day", "hour", "min", "sec", "yday", "wday", "isdst"}
  local out = {}
  for i, k in ipairs(keys) do out[i] = k .. "=" .. tostring(t[k]) end
  print(table.concat(out, " "))
end
local base = os.time{year = 2000, month = 1, day = 1, hour = 0}
print(math.type(base))
local function rel(tab) return os.time(tab) - base end
print(rel{year = 2000, month = 1, day = 2, hour = 0}, rel{year = 2000, month = 1, day = 1}, rel{year = 2000, month = 1, day = 1, hour = 0, min = 1, sec = 1})
print(rel{year = 2000, month = 13, day = 1, hour = 0}, rel{year = 2000, month = 0, day = 1, hour = 0}, rel{year = 2000, month = 1, day = 0, hour = 0})
print(rel{year = 2000, month = 1, day = 1, hour = -1}, rel{year = 2000, month = 1, day = 1, hour = 0, sec = 86400 * 366})
print(rel{year = "2000", month = 1.0, day = "1", hour = 0})
local t = {year = 2000, month = 14, day = -3, hour = 25, min = 61, sec = -1}
os.time(t)
t.isdst = nil
show(t)
t = {year = 2001, month = 2, day = 29, hour = 12}
os.time(t)
t.isdst = nil
show(t)
for _, tab in ipairs{{}, {year = 2000}, {year = 2000, month = 1}, {year = 2000, month = "x", day = 1},
    {year = 2000, month = 1, day = 1.5}, {year = 2000, month = 1, day = 1, hour = {}}, {year = 2^31 + 1900, month = 1, day = 1},
    {year = -2^31 + 1899, month = 1, day = 1}, {year = 2000, month = 2^31 + 1, day = 1}, {year = 2000, month = 1, day = 2^31},
    {year = 2000, month = 1, day = 1, sec = -2^31 - 1}, {year = 2^31 + 1899, month = 13, day = 1}} do
  print(pcall(os.time, tab))
end
print(pcall(os.time, 1))
print(pcall(os.time, "x"))
print(math.type(os.time()), os.time() > 1600000000, math.type(os.time(nil)))
-- metamethods are honoured when reading and writing fields
local log = {}
local proxy = setmetatable({}, {__index = function(_, k) log[#log + 1] = k; return ({year = 2000, month = 1, day = 1})[k] end,
  __newindex = function(_, k, v) log[#log + 1] = k .. "!" end})
os.time(proxy)
print(table.concat(log, " "))
-- *t round trip
local tt = os.date("*t", base)
print(tt.year, tt.month, tt.day, tt.hour, tt.min, tt.sec, tt.yday, tt.wday, type(tt.isdst))
print(os.time(tt) == base)
local u = os.date("!*t", 1000000000)
print(u.year, u.month, u.day, u.hour, u.min, u.sec, u.yday, u.wday, u.isdst)
print(os.difftime(10, 3), math.type(os.difftime(10, 3)), pcall(os.difftime, 1), pcall(os.difftime, 1, 2.5))
