-- hostile: busy wait time
-- expect: time
-- limits: instructions=1e12
local t = os.clock()
while true do end
