-- a backward goto creates fresh locals each time around
local fs = {}
local i = 1
::again::
local v = i * 10
fs[i] = function() v = v + 1; return v end
i = i + 1
if i <= 3 then goto again end
print(fs[1](), fs[1](), fs[2](), fs[3]())
