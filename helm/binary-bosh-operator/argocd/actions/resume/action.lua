-- Lets the operator act on this pair again.
if obj.metadata.annotations ~= nil then
  obj.metadata.annotations["binarybosh.io/paused"] = nil
end
return obj
