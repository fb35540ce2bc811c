return "b sees a=" .. tostring(package.loaded.loop_a)
