-- coverage-demo.lua: a small script to try examples/coverage.lua on:
--   lua examples/coverage.lua examples/coverage-demo.lua

-- Word statistics over a few lines of text.
local text = {
  "the quick brown fox",
  "jumps over the lazy dog",
  "the end",
}

-- A generator: yields the words of every line, one at a time.
local function words(lines)
  return coroutine.wrap(function()
    for _, line in ipairs(lines) do
      for w in line:gmatch("%a+") do
        coroutine.yield(w)
      end
    end
  end)
end

local function classify(word)
  if #word <= 3 then
    return "short"
  elseif #word <= 5 then
    return "medium"
  else
    return "long"            -- no word here is longer than 5 letters
  end
end

-- Only called on bad input, which this demo never has.
local function fail(msg)
  io.stderr:write("error: ", msg, "\n")
  os.exit(1)
end

local counts = { short = 0, medium = 0, long = 0 }
local freq = {}
for w in words(text) do
  if w == "" then fail("empty word") end
  local kind = classify(w)
  counts[kind] = counts[kind] + 1
  freq[w] = (freq[w] or 0) + 1
end

local report = {}
function report.top(t)
  local keys = {}
  for w in pairs(t) do keys[#keys + 1] = w end
  table.sort(keys)              -- a fixed order: ties go to the first word
  local best, n = nil, 0
  for _, w in ipairs(keys) do
    if t[w] > n then
      best, n = w, t[w]
    end
  end
  return best, n
end

function report.reset()   -- part of the API, unused here
  counts = {}
end

print("short", counts.short, "medium", counts.medium, "long", counts.long)
print("most frequent", report.top(freq))
