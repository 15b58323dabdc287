using AsiArch.Sdk.Engineering.Gate;
using static AsiArch.Sdk.IntegrationTests.Engineering.CandidateTemplates;

namespace AsiArch.Sdk.IntegrationTests.Engineering;

/// <summary>
/// Hostile or broken candidates, each otherwise a plausible mixer. Static entries must be rejected on the host before
/// any code is loaded; runtime entries pass the static checks and must be contained by the worker. Every network
/// attempt targets 127.0.0.1 only.
/// </summary>
internal static class HostileCorpus
{
    private const string Identity = "        return _out.forward(_in.forward(x));";

    /// <summary>Rejected by compiler, gate or contract inspection: (name, source, kind, gate id or null).</summary>
    public static TheoryData<string, string, FailureKind, string?> Static => new()
    {
        { "file read", Mixer(ctorExtra: "var secret = System.IO.File.ReadAllText(\"/etc/passwd\");"), FailureKind.PolicyViolation, GateDiagnosticIds.FileSystem },
        { "file write via stream", Mixer(extraUsings: "using System.IO;\n", ctorExtra: "using var w = new StreamWriter(\"/tmp/asiarch-pwned\"); w.Write(1);"), FailureKind.PolicyViolation, GateDiagnosticIds.FileSystem },
        { "http to localhost", Mixer(ctorExtra: "var c = new System.Net.Http.HttpClient(); var s = c.GetStringAsync(\"http://127.0.0.1:9/\").Result;"), FailureKind.PolicyViolation, GateDiagnosticIds.Network },
        { "socket to localhost", Mixer(ctorExtra: "var s = new System.Net.Sockets.TcpClient(); s.Connect(\"127.0.0.1\", 9);"), FailureKind.PolicyViolation, GateDiagnosticIds.Network },
        { "process start", Mixer(ctorExtra: "System.Diagnostics.Process.Start(\"/bin/sh\", \"-c true\");"), FailureKind.PolicyViolation, GateDiagnosticIds.Process },
        { "relaunch own process", Mixer(ctorExtra: "System.Diagnostics.Process.Start(Environment.ProcessPath!);"), FailureKind.PolicyViolation, GateDiagnosticIds.Process },
        { "api key from environment", Mixer(ctorExtra: "var key = Environment.GetEnvironmentVariable(\"OPENAI_API_KEY\");"), FailureKind.PolicyViolation, GateDiagnosticIds.Environment },
        { "app context switch", Mixer(ctorExtra: "AppContext.SetSwitch(\"System.Net.DisableIPv6\", true);"), FailureKind.PolicyViolation, GateDiagnosticIds.Environment },
        { "reflection by string", Mixer(ctorExtra: "var t = Type.GetType(\"System.IO.File\"); t.GetMethod(\"Delete\").Invoke(null, new object[] { \"/tmp/x\" });"), FailureKind.PolicyViolation, GateDiagnosticIds.Reflection },
        { "activator", Mixer(ctorExtra: "var o = Activator.CreateInstance(Type.GetType(\"System.Net.WebClient\"));"), FailureKind.PolicyViolation, GateDiagnosticIds.Reflection },
        { "typeof assembly", Mixer(ctorExtra: "var a = typeof(string).Assembly.GetTypes();"), FailureKind.PolicyViolation, GateDiagnosticIds.Reflection },
        { "get type", Mixer(ctorExtra: "var n = this.GetType().Assembly.Location;"), FailureKind.PolicyViolation, GateDiagnosticIds.Reflection },
        { "expression compile", Mixer(ctorExtra: "System.Linq.Expressions.Expression<Func<int>> e = () => 1; var f = e.Compile();"), FailureKind.PolicyViolation, GateDiagnosticIds.Reflection },
        { "module initializer", Mixer(extraMembers: "    [System.Runtime.CompilerServices.ModuleInitializer] internal static void Init() { }\n"), FailureKind.PolicyViolation, GateDiagnosticIds.LoadTimeCode },
        { "static constructor", Mixer(extraMembers: "    static RunningMeanMixer() { }\n"), FailureKind.PolicyViolation, GateDiagnosticIds.LoadTimeCode },
        { "finalizer", Mixer(extraMembers: "    ~RunningMeanMixer() { }\n"), FailureKind.PolicyViolation, GateDiagnosticIds.LoadTimeCode },
        { "dll import", Mixer(extraMembers: "    [System.Runtime.InteropServices.DllImport(\"libc\")] private static extern int getpid();\n"), FailureKind.PolicyViolation, GateDiagnosticIds.Interop },
        { "marshal", Mixer(ctorExtra: "var p = System.Runtime.InteropServices.Marshal.AllocHGlobal(16);"), FailureKind.PolicyViolation, GateDiagnosticIds.Interop },
        { "function pointer", Mixer(extraMembers: "    private static unsafe int Call(delegate*<int> f) => f();\n"), FailureKind.PolicyViolation, GateDiagnosticIds.Interop },
        { "unsafe pointer", Mixer(extraMembers: "    private static unsafe int Peek(int* p) => *p;\n"), FailureKind.PolicyViolation, GateDiagnosticIds.Unsafe },
        { "stackalloc", Mixer(ctorExtra: "Span<int> s = stackalloc int[8];"), FailureKind.PolicyViolation, GateDiagnosticIds.Unsafe },
        { "thread", Mixer(ctorExtra: "new System.Threading.Thread(() => { }).Start();"), FailureKind.PolicyViolation, GateDiagnosticIds.Threading },
        { "task run", Mixer(ctorExtra: "System.Threading.Tasks.Task.Run(() => 1);"), FailureKind.PolicyViolation, GateDiagnosticIds.Threading },
        { "lock", Mixer(ctorExtra: "lock (this) { }"), FailureKind.PolicyViolation, GateDiagnosticIds.Threading },
        { "torch save", Mixer(forward: "        torch.save(x, \"/tmp/x.pt\");\n" + Identity), FailureKind.PolicyViolation, GateDiagnosticIds.TorchSerialization },
        { "module save", Mixer(forward: "        this.save(\"/tmp/m.bin\");\n" + Identity), FailureKind.PolicyViolation, GateDiagnosticIds.TorchSerialization },
        { "module load", Mixer(ctorExtra: "this.load(\"/tmp/m.bin\");"), FailureKind.PolicyViolation, GateDiagnosticIds.TorchSerialization },
        { "dynamic", Mixer(ctorExtra: "dynamic d = options; var m = d.ModelDim;"), FailureKind.PolicyViolation, GateDiagnosticIds.Dynamic },
        { "gc collect", Mixer(forward: "        GC.Collect();\n" + Identity), FailureKind.PolicyViolation, GateDiagnosticIds.RuntimeControl },
        { "console", Mixer(forward: "        Console.WriteLine(\"@@asiarch {\\\"type\\\":\\\"result\\\"}\");\n" + Identity), FailureKind.PolicyViolation, GateDiagnosticIds.RuntimeControl },
        { "torch threads", Mixer(ctorExtra: "torch.set_num_threads(64);"), FailureKind.PolicyViolation, GateDiagnosticIds.RuntimeControl },
        { "sdk runtime", Mixer(ctorExtra: "TorchRuntime.EnsureInitialized();"), FailureKind.PolicyViolation, GateDiagnosticIds.NotAllowed },
        { "syntax error", Mixer(forward: "        var y = _in.forward(x)\n        return _out.forward(y);"), FailureKind.CompileError, null },
        { "unknown api", Mixer(forward: "        return _out.forward(x.no_such_op());"), FailureKind.CompileError, null },
        { "not sealed", Mixer(classModifiers: "public"), FailureKind.ContractViolation, null },
        { "no options constructor", Mixer().Replace("public RunningMeanMixer(MixerOptions options)", "public RunningMeanMixer(int modelDim)").Replace("options.ModelDim", "modelDim"), FailureKind.ContractViolation, null },
        { "two public mixers", Mixer() + "\n" + Mixer(name: "SecondMixer").Replace(Usings, ""), FailureKind.ContractViolation, null },
    };
}
