-- identifiers and keywords
local _ = 1
local _x1, X_, aB9 = 2, 3, 4
print(_, _x1, X_, aB9)
local t = {["and"] = 1, ["end"] = 2}
print(t["and"], t["end"])
local And, END, Nil = "And", "END", "Nil"
print(And, END, Nil)
for _, kw in ipairs{"and","break","do","else","elseif","end","false","for","function",
  "goto","if","in","local","nil","not","or","repeat","return","then","true","until","while"} do
  local f, err = load("local " .. kw .. " = 1")
  print(kw, f, err)
end
print(load("local \xC3\xA9 = 1"))
print(load("x = @"))
print(load("x = $"))
