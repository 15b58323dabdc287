using System.Reflection;
using AsiArch.Sdk.Benchmarks;
using BenchmarkDotNet.Running;

// Usage:
//   dotnet run -c Release --project benchmarks/AsiArch.Sdk.Benchmarks -- --list
//   dotnet run -c Release --project benchmarks/AsiArch.Sdk.Benchmarks -- macro <name> [args...]
//   dotnet run -c Release --project benchmarks/AsiArch.Sdk.Benchmarks -- micro [BenchmarkDotNet args...]
var macros = typeof(Program).Assembly.GetTypes()
    .Where(t => typeof(IMacroBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IMacroBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(m => m.Name, StringComparer.Ordinal)
    .ToList();

if (args.Length == 0 || args[0] is "--list" or "-h" or "--help")
{
    Console.WriteLine("macro benchmarks:");
    foreach (var m in macros)
    {
        Console.WriteLine($"  {m.Name,-28} {m.Description}");
    }

    Console.WriteLine("micro benchmarks: run with 'micro' and BenchmarkDotNet arguments (e.g. micro --filter '*').");
    return 0;
}

if (args[0] == "micro")
{
    BenchmarkSwitcher.FromAssembly(Assembly.GetExecutingAssembly()).Run(args[1..]);
    return 0;
}

if (args[0] == "macro" && args.Length >= 2)
{
    var macro = macros.FirstOrDefault(m => m.Name == args[1]);
    if (macro is null)
    {
        Console.Error.WriteLine($"Unknown macro benchmark '{args[1]}'. Use --list.");
        return 2;
    }

    using var cts = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
    if (macro.NeedsWorkerHeap && !WorkerHeap.Applied)
    {
        Console.WriteLine("C heap as in the workers: " + string.Join(" ", AsiArch.Sdk.Sandbox.SandboxLauncher.WorkerHeapEnvironment.Select(p => $"{p.Key}={p.Value}")));
        return await WorkerHeap.RunChildAsync(args, cts.Token);
    }

    await macro.RunAsync(args[2..], Console.Out, cts.Token);
    return 0;
}

Console.Error.WriteLine("Usage: --list | macro <name> [args] | micro [BenchmarkDotNet args]");
return 2;
