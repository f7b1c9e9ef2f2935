-- Stops every operator action on this pair; observation goes on.
if obj.metadata.annotations == nil then
  obj.metadata.annotations = {}
end
obj.metadata.annotations["binarybosh.io/paused"] = "true"
return obj
