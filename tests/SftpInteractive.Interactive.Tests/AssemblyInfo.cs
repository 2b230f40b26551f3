// One notebook kernel at a time: the machine is shared, and the engine's formatter registrations are process-wide.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
