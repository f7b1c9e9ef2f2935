-- Argo CD resource actions for binarybosh.io/BinaryBoshPair: which ones the UI offers for this object.
local actions = {}
local annotations = (obj.metadata and obj.metadata.annotations) or {}
local paused = annotations["binarybosh.io/paused"] == "true"
local awaited = obj.status and obj.status.awaitedApproval
local awaiting = awaited ~= nil and awaited ~= "" and annotations["binarybosh.io/approve"] ~= awaited

actions["pause"] = {["disabled"] = paused, ["iconClass"] = "fa fa-fw fa-pause"}
actions["resume"] = {["disabled"] = not paused, ["iconClass"] = "fa fa-fw fa-play"}
actions["approve"] = {["disabled"] = not awaiting, ["iconClass"] = "fa fa-fw fa-check"}
return actions
