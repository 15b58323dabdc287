using Microsoft.CodeAnalysis;

namespace AsiArch.Sdk.Engineering.Gate;

/// <summary>
/// The allow-list of the safety gate: which external types and members candidate code may touch. Anything not allowed
/// here is rejected; the specific categories give a better message and a stable id.
/// </summary>
internal static class ApiRules
{
    private static readonly HashSet<string> AllowedSystemTypes = new(StringComparer.Ordinal)
    {
        "Object", "String", "Boolean", "Char", "SByte", "Byte", "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64",
        "Single", "Double", "Decimal", "Half", "Void", "Math", "MathF", "Nullable", "Nullable`1", "ValueType", "Enum",
        "ValueTuple", "ValueTuple`1", "ValueTuple`2", "ValueTuple`3", "ValueTuple`4", "ValueTuple`5", "ValueTuple`6",
        "ValueTuple`7", "ValueTuple`8", "Tuple", "Tuple`1", "Tuple`2", "Tuple`3", "Tuple`4", "Tuple`5",
        "Func`1", "Func`2", "Func`3", "Func`4", "Func`5", "Func`6", "Func`7", "Func`8", "Action", "Action`1", "Action`2",
        "Action`3", "Action`4", "Action`5", "Predicate`1", "Comparison`1", "Converter`2", "Array", "IDisposable",
        "IEquatable`1", "IComparable", "IComparable`1", "IFormatProvider", "FormattableString", "Exception",
        "ArgumentException", "ArgumentNullException", "ArgumentOutOfRangeException", "InvalidOperationException",
        "NotSupportedException", "NotImplementedException", "IndexOutOfRangeException", "ArithmeticException",
        "DivideByZeroException", "Index", "Range", "Span`1", "ReadOnlySpan`1", "StringComparison", "StringComparer",
        "StringSplitOptions", "MidpointRounding", "BitConverter", "Convert",
    };

    private static readonly HashSet<string> AllowedCompilerServicesTypes = new(StringComparer.Ordinal)
    {
        "IsExternalInit", "DefaultInterpolatedStringHandler", "TupleElementNamesAttribute",
    };

    private static readonly HashSet<string> TorchRuntimeControlMembers = new(StringComparer.Ordinal)
    {
        "set_num_threads", "set_num_interop_threads", "InitializeDeviceType", "TryInitializeDeviceType",
        "InitializeDevice", "set_default_device", "set_default_dtype", "SetDefaultDevice",
    };

    /// <summary>Checks a type definition from outside the candidate. Null when allowed.</summary>
    public static (string Id, string Message)? CheckType(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace?.ToDisplayString() ?? "";
        var name = type.MetadataName;
        var outer = type;
        while (outer.ContainingType is not null)
        {
            outer = outer.ContainingType;
        }

        var display = type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
        var fullPath = ns + "." + string.Join(".", Nesting(type));

        if (ns == "TorchSharp" || ns.StartsWith("TorchSharp.", StringComparison.Ordinal))
        {
            if (ns.StartsWith("TorchSharp.PInvoke", StringComparison.Ordinal))
            {
                return (GateDiagnosticIds.Interop, $"TorchSharp's native interop layer is not allowed ({display}).");
            }

            if (fullPath.Contains(".torch.jit", StringComparison.Ordinal) || fullPath.Contains(".torch.hub", StringComparison.Ordinal))
            {
                return (GateDiagnosticIds.TorchSerialization, $"torch.jit and torch.hub load and save code and are not allowed ({display}).");
            }

            if (fullPath.Contains(".torch.utils", StringComparison.Ordinal))
            {
                return (GateDiagnosticIds.FileSystem, $"torch.utils (data loaders, tensorboard writers) touches files and is not allowed ({display}).");
            }

            return null;
        }

        if (ns == "AsiArch.Sdk.TorchSharp.Blocks" || ns.StartsWith("AsiArch.Sdk.TorchSharp.Blocks.", StringComparison.Ordinal))
        {
            return null;
        }

        if (ns == "AsiArch.Sdk.TorchSharp" && outer.Name == "MixerOptions")
        {
            return null;
        }

        if (ns.StartsWith("AsiArch", StringComparison.Ordinal))
        {
            return (GateDiagnosticIds.NotAllowed, $"Only AsiArch.Sdk.TorchSharp.Blocks and MixerOptions may be used from the SDK, not {display}.");
        }

        return ns switch
        {
            "System" when AllowedSystemTypes.Contains(outer.MetadataName) => null,
            "System.Collections.Generic" or "System.Collections" or "System.Collections.ObjectModel" => null,
            "System.Linq" when outer.Name == "Enumerable" || outer.Name.StartsWith("IOrdered", StringComparison.Ordinal) || outer.Name.StartsWith("IGrouping", StringComparison.Ordinal) || outer.Name == "ILookup" => null,
            "System.Linq" when outer.Name.StartsWith("Parallel", StringComparison.Ordinal) => (GateDiagnosticIds.Threading, $"Parallel LINQ starts threads and is not allowed ({display})."),
            "System.Text" when outer.Name == "StringBuilder" => null,
            "System.Runtime.CompilerServices" when AllowedCompilerServicesTypes.Contains(name) => null,
            _ => CategoriseForbidden(ns, outer.Name, display),
        };
    }

    /// <summary>Checks a member of an allowed external type. Null when allowed.</summary>
    public static (string Id, string Message)? CheckMember(ISymbol member)
    {
        var type = member.ContainingType;
        if (type is null)
        {
            return null;
        }

        var ns = type.ContainingNamespace?.ToDisplayString() ?? "";
        var display = $"{type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)}.{member.Name}";
        if (ns.StartsWith("TorchSharp", StringComparison.Ordinal))
        {
            var lower = member.Name.ToLowerInvariant();
            if (lower is "save" or "load" || lower.StartsWith("save_", StringComparison.Ordinal) || lower.StartsWith("load_", StringComparison.Ordinal)
                || lower.Contains("from_file", StringComparison.Ordinal) || lower.Contains("state_dict", StringComparison.Ordinal) && lower.StartsWith("load", StringComparison.Ordinal))
            {
                return (GateDiagnosticIds.TorchSerialization, $"Saving or loading tensors and modules is not allowed ({display}).");
            }

            if (TorchRuntimeControlMembers.Contains(member.Name))
            {
                return (GateDiagnosticIds.RuntimeControl, $"Torch threads and devices are set by the worker, not the candidate ({display}).");
            }
        }

        if (ns == "System")
        {
            switch (type.Name, member.Name)
            {
                case ("Object", "GetType"):
                    return (GateDiagnosticIds.Reflection, $"Reflection is not allowed ({display}).");
                case ("Array", "CreateInstance" or "CreateInstanceFromArrayType"):
                    return (GateDiagnosticIds.Reflection, $"Creating arrays from runtime types is reflection and not allowed ({display}).");
                case ("Exception", "TargetSite" or "StackTrace" or "Source"):
                    return (GateDiagnosticIds.Reflection, $"Exception introspection is not allowed ({display}).");
            }
        }

        return null;
    }

    private static (string Id, string Message) CategoriseForbidden(string ns, string typeName, string display)
    {
        static bool Under(string ns, string root) => ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);

        if (Under(ns, "System.IO") || ns == "Microsoft.Win32" || Under(ns, "System.Xml") || Under(ns, "System.Text.Json"))
        {
            return (GateDiagnosticIds.FileSystem, $"File-system and stream access is not allowed ({display}).");
        }

        if (Under(ns, "System.Net") || Under(ns, "System.Web"))
        {
            return (GateDiagnosticIds.Network, $"Network access is not allowed ({display}).");
        }

        if (Under(ns, "System.Diagnostics"))
        {
            return (GateDiagnosticIds.Process, $"Processes and diagnostics APIs are not allowed ({display}).");
        }

        if (Under(ns, "System.Reflection") || Under(ns, "System.Runtime.Loader") || Under(ns, "System.Linq.Expressions")
            || (ns == "System" && typeName is "Type" or "Activator" or "Delegate" or "MulticastDelegate" or "RuntimeTypeHandle" or "RuntimeMethodHandle" or "RuntimeFieldHandle" or "TypedReference")
            || (ns == "System.Runtime.CompilerServices" && typeName is "RuntimeHelpers" or "Unsafe"))
        {
            return (GateDiagnosticIds.Reflection, $"Reflection and runtime code generation are not allowed ({display}).");
        }

        if (Under(ns, "System.Runtime.InteropServices") || Under(ns, "System.Runtime.Intrinsics")
            || (ns == "System" && typeName is "IntPtr" or "UIntPtr"))
        {
            return (GateDiagnosticIds.Interop, $"Native interop is not allowed ({display}).");
        }

        if (ns == "System" && typeName is "Environment" or "AppContext" or "AppDomain")
        {
            return (GateDiagnosticIds.Environment, $"The process environment is not accessible to candidates ({display}).");
        }

        if (Under(ns, "System.Threading") || Under(ns, "System.Timers"))
        {
            return (GateDiagnosticIds.Threading, $"Threads, tasks, timers and locks are not allowed ({display}).");
        }

        if ((ns == "System" && typeName is "GC" or "Console" or "GCSettings") || ns == "System.Runtime" || Under(ns, "System.Runtime.ConstrainedExecution"))
        {
            return (GateDiagnosticIds.RuntimeControl, $"Console output and runtime control are not allowed ({display}).");
        }

        if (ns == "System.Runtime.CompilerServices" && typeName == "ModuleInitializerAttribute")
        {
            return (GateDiagnosticIds.LoadTimeCode, $"Module initializers are not allowed ({display}).");
        }

        return (GateDiagnosticIds.NotAllowed,
            $"{display} is not on the allow-list. Candidates may use TorchSharp, System.Math/MathF, primitives, LINQ, collections and AsiArch.Sdk.TorchSharp.Blocks.");
    }

    private static IEnumerable<string> Nesting(INamedTypeSymbol type)
    {
        var stack = new Stack<string>();
        for (var t = type; t is not null; t = t.ContainingType)
        {
            stack.Push(t.Name);
        }

        return stack;
    }
}
