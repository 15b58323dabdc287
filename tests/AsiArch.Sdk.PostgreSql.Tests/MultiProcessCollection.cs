namespace AsiArch.Sdk.PostgreSql.Tests;

/// <summary>The tests that start loop processes run one at a time (each already runs several processes on 2 cores).</summary>
[CollectionDefinition("multi-process", DisableParallelization = true)]
public sealed class MultiProcessCollection;
