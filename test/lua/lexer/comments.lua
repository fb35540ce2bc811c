-- short and long comments
print(1) -- comment after code
--[[ long
comment ]] print(2)
--[==[ level 2 ]] still comment
]==] print(3)
--[ not long
print(4)
---[[ this is a short comment
print(5)
--]]
--[=[]=]print(6)
print(7 --[[inline]] + 1)
--
print(9)
