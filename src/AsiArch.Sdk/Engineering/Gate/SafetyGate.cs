using System.Diagnostics;
using AsiArch.Sdk.Engineering.Compilation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsiArch.Sdk.Engineering.Gate;

/// <summary>
/// The static safety gate: walks every syntax node, symbol and operation of a compiled candidate and rejects anything
/// outside the allow-list (TorchSharp tensors, modules and functional ops, System.Math/MathF, primitives, LINQ,
/// collections, AsiArch.Sdk.TorchSharp.Blocks and MixerOptions). It runs on the semantic model, before any candidate
/// code is loaded anywhere.
/// </summary>
/// <remarks>
/// The gate is one layer of several (DESIGN.md §8): the worker process, its OS sandbox and its budgets contain what a
/// static check cannot see (infinite loops, memory bombs, deep recursion).
/// </remarks>
public sealed class SafetyGate
{
    /// <summary>Most violations reported per failure.</summary>
    public int MaxDiagnostics { get; init; } = 20;

    /// <summary>Checks a compiled candidate.</summary>
    public GateResult Check(CompiledCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return Check(candidate.Compilation);
    }

    /// <summary>Checks every syntax tree of <paramref name="compilation"/>.</summary>
    public GateResult Check(CSharpCompilation compilation)
    {
        ArgumentNullException.ThrowIfNull(compilation);
        var started = Stopwatch.GetTimestamp();
        var walker = new Walker(compilation);
        foreach (var tree in compilation.SyntaxTrees)
        {
            walker.Visit(tree);
        }

        var violations = walker.Violations
            .OrderBy(v => v.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(v => v.Location.SourceSpan.Start)
            .ToList();
        ExperimentFailure? failure = null;
        if (violations.Count > 0)
        {
            var lines = violations.Take(MaxDiagnostics)
                .Select(v => CandidateDiagnosticFormatter.Format(v.Id, v.Message, v.Location))
                .ToList();
            if (violations.Count > MaxDiagnostics)
            {
                lines.Add($"... and {violations.Count - MaxDiagnostics} more.");
            }

            lines.Add("Allowed: TorchSharp (torch, torch.nn, torch.nn.functional), System.Math/MathF, primitives, LINQ, collections, "
                + "AsiArch.Sdk.TorchSharp.Blocks and MixerOptions. No I/O, network, processes, reflection, interop, threads, "
                + "environment, unsafe code, static constructors, attributes, dynamic or torch save/load.");
            failure = new ExperimentFailure(
                FailureKind.PolicyViolation,
                $"The safety gate rejected the candidate: {violations.Count} violation(s); first: {violations[0].Id} {violations[0].Message}",
                lines);
        }

        return new GateResult { Violations = violations, Failure = failure, Duration = Stopwatch.GetElapsedTime(started) };
    }

    private sealed class Walker(CSharpCompilation compilation)
    {
        private readonly HashSet<(string Id, int Line)> _seen = [];

        public List<GateViolation> Violations { get; } = [];

        public void Visit(SyntaxTree tree)
        {
            var model = compilation.GetSemanticModel(tree, ignoreAccessibility: false);
            var root = tree.GetRoot();
            foreach (var token in root.DescendantTokens())
            {
                CheckToken(token);
            }

            foreach (var node in root.DescendantNodes())
            {
                CheckSyntax(node, model);
                var info = model.GetSymbolInfo(node);
                if (info.Symbol is not null)
                {
                    CheckSymbol(info.Symbol, node.GetLocation());
                }
                else
                {
                    foreach (var candidate in info.CandidateSymbols)
                    {
                        CheckSymbol(candidate, node.GetLocation());
                    }
                }

                if (node is ExpressionSyntax)
                {
                    var typeInfo = model.GetTypeInfo(node);
                    CheckSymbol(typeInfo.Type, node.GetLocation());
                    CheckSymbol(typeInfo.ConvertedType, node.GetLocation());
                }

                var declared = node is VariableDeclaratorSyntax or BaseTypeDeclarationSyntax or MemberDeclarationSyntax or ParameterSyntax
                    ? model.GetDeclaredSymbol(node)
                    : null;
                if (declared is not null)
                {
                    CheckDeclared(declared, node.GetLocation());
                }

                if (node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax or EqualsValueClauseSyntax
                    or ConstructorInitializerSyntax or PrimaryConstructorBaseTypeSyntax)
                {
                    var operation = model.GetOperation(node);
                    if (operation is not null)
                    {
                        foreach (var op in operation.DescendantsAndSelf())
                        {
                            CheckOperation(op);
                        }
                    }
                }
            }
        }

        private void Report(string id, string message, Location location)
        {
            // One finding per id and line: a member-access chain would otherwise report every node of it.
            if (_seen.Add((id, location.GetLineSpan().StartLinePosition.Line)))
            {
                Violations.Add(new GateViolation(id, message, location));
            }
        }

        private void CheckToken(SyntaxToken token)
        {
            switch (token.Kind())
            {
                case SyntaxKind.UnsafeKeyword:
                case SyntaxKind.FixedKeyword when token.Parent is FixedStatementSyntax:
                case SyntaxKind.StackAllocKeyword:
                    Report(GateDiagnosticIds.Unsafe, $"'{token.Text}' is not allowed: candidates are safe managed code.", token.GetLocation());
                    break;
                case SyntaxKind.ExternKeyword:
                    Report(GateDiagnosticIds.Interop, "'extern' (native methods, extern aliases) is not allowed.", token.GetLocation());
                    break;
                case SyntaxKind.AsyncKeyword when token.Parent is MethodDeclarationSyntax or LocalFunctionStatementSyntax or LambdaExpressionSyntax or AnonymousMethodExpressionSyntax:
                    Report(GateDiagnosticIds.Threading, "'async' code is not allowed: candidates run synchronously.", token.GetLocation());
                    break;
                case SyntaxKind.ArgListKeyword:
                case SyntaxKind.MakeRefKeyword:
                case SyntaxKind.RefTypeKeyword:
                case SyntaxKind.RefValueKeyword:
                    Report(GateDiagnosticIds.Reflection, $"'{token.Text}' is not allowed.", token.GetLocation());
                    break;
            }
        }

        private void CheckSyntax(SyntaxNode node, SemanticModel model)
        {
            switch (node)
            {
                case ConstructorDeclarationSyntax ctor when ctor.Modifiers.Any(SyntaxKind.StaticKeyword):
                    Report(GateDiagnosticIds.LoadTimeCode, "Static constructors are not allowed: no candidate code may run when its type loads.", ctor.Identifier.GetLocation());
                    break;
                case DestructorDeclarationSyntax dtor:
                    Report(GateDiagnosticIds.LoadTimeCode, "Finalizers are not allowed: they run on the runtime's finalizer thread.", dtor.Identifier.GetLocation());
                    break;
                case PointerTypeSyntax or FixedStatementSyntax or UnsafeStatementSyntax:
                    Report(GateDiagnosticIds.Unsafe, "Pointers and unsafe code are not allowed.", node.GetLocation());
                    break;
                case FunctionPointerTypeSyntax:
                    Report(GateDiagnosticIds.Interop, "Function pointers are not allowed.", node.GetLocation());
                    break;
                case LockStatementSyntax:
                    Report(GateDiagnosticIds.Threading, "'lock' is not allowed: candidates run on one thread.", node.GetLocation());
                    break;
                case ExternAliasDirectiveSyntax:
                    Report(GateDiagnosticIds.Interop, "Extern aliases are not allowed.", node.GetLocation());
                    break;
                case AttributeSyntax attribute:
                    CheckAttribute(attribute, model);
                    break;
            }
        }

        private void CheckAttribute(AttributeSyntax attribute, SemanticModel model)
        {
            var type = model.GetTypeInfo(attribute).Type ?? (model.GetSymbolInfo(attribute).Symbol as IMethodSymbol)?.ContainingType;
            var name = type?.Name ?? attribute.Name.ToString();
            var location = attribute.GetLocation();
            if (name.StartsWith("ModuleInitializer", StringComparison.Ordinal))
            {
                Report(GateDiagnosticIds.LoadTimeCode, "[ModuleInitializer] is not allowed: no candidate code may run when the assembly loads.", location);
            }
            else if (name.StartsWith("DllImport", StringComparison.Ordinal) || name.StartsWith("LibraryImport", StringComparison.Ordinal)
                || name.StartsWith("UnmanagedCallersOnly", StringComparison.Ordinal))
            {
                Report(GateDiagnosticIds.Interop, $"[{name}] (native interop) is not allowed.", location);
            }
            else
            {
                Report(GateDiagnosticIds.Attribute, $"Attributes are not allowed in candidates ([{name}]).", location);
            }
        }

        private void CheckDeclared(ISymbol declared, Location location)
        {
            switch (declared)
            {
                case IFieldSymbol f:
                    CheckSymbol(f.Type, location);
                    break;
                case IPropertySymbol p:
                    CheckSymbol(p.Type, location);
                    break;
                case IMethodSymbol m:
                    CheckSymbol(m.ReturnType, location);
                    foreach (var p in m.Parameters)
                    {
                        CheckSymbol(p.Type, location);
                    }

                    break;
                case ILocalSymbol l:
                    CheckSymbol(l.Type, location);
                    break;
                case IParameterSymbol p:
                    CheckSymbol(p.Type, location);
                    break;
                case INamedTypeSymbol t:
                    CheckSymbol(t.BaseType, location);
                    foreach (var i in t.Interfaces)
                    {
                        CheckSymbol(i, location);
                    }

                    break;
            }
        }

        private void CheckOperation(IOperation op)
        {
            var location = op.Syntax.GetLocation();
            CheckSymbol(op.Type, location);
            switch (op)
            {
                case IInvocationOperation i:
                    CheckSymbol(i.TargetMethod, location);
                    break;
                case IObjectCreationOperation c:
                    CheckSymbol(c.Constructor, location);
                    break;
                case IMemberReferenceOperation m:
                    CheckSymbol(m.Member, location);
                    break;
                case IConversionOperation c:
                    CheckSymbol(c.OperatorMethod, location);
                    break;
                case IBinaryOperation b:
                    CheckSymbol(b.OperatorMethod, location);
                    break;
                case IUnaryOperation u:
                    CheckSymbol(u.OperatorMethod, location);
                    break;
                case ICompoundAssignmentOperation a:
                    CheckSymbol(a.OperatorMethod, location);
                    break;
                case IIncrementOrDecrementOperation d:
                    CheckSymbol(d.OperatorMethod, location);
                    break;
                case ITypeOfOperation t:
                    Report(GateDiagnosticIds.Reflection, "typeof(...) yields a System.Type; reflection is not allowed.", location);
                    CheckSymbol(t.TypeOperand, location);
                    break;
                case IDynamicInvocationOperation or IDynamicMemberReferenceOperation or IDynamicObjectCreationOperation or IDynamicIndexerAccessOperation:
                    Report(GateDiagnosticIds.Dynamic, "'dynamic' is not allowed.", location);
                    break;
                case IFunctionPointerInvocationOperation:
                    Report(GateDiagnosticIds.Interop, "Function pointers are not allowed.", location);
                    break;
                case IAddressOfOperation:
                    Report(GateDiagnosticIds.Unsafe, "Taking addresses is unsafe code and not allowed.", location);
                    break;
                case ILockOperation:
                    Report(GateDiagnosticIds.Threading, "'lock' is not allowed: candidates run on one thread.", location);
                    break;
            }
        }

        private bool IsOwn(ISymbol symbol) =>
            SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, compilation.Assembly);

        private void CheckSymbol(ISymbol? symbol, Location location)
        {
            switch (symbol)
            {
                case null:
                case INamespaceSymbol:
                case ITypeParameterSymbol:
                case ILabelSymbol:
                case IRangeVariableSymbol:
                case IErrorTypeSymbol:
                    return;
                case IAliasSymbol alias:
                    CheckSymbol(alias.Target, location);
                    return;
                case IDynamicTypeSymbol:
                    Report(GateDiagnosticIds.Dynamic, "'dynamic' is not allowed.", location);
                    return;
                case IPointerTypeSymbol:
                    Report(GateDiagnosticIds.Unsafe, "Pointers are not allowed.", location);
                    return;
                case IFunctionPointerTypeSymbol:
                    Report(GateDiagnosticIds.Interop, "Function pointers are not allowed.", location);
                    return;
                case IArrayTypeSymbol array:
                    CheckSymbol(array.ElementType, location);
                    return;
                case INamedTypeSymbol type:
                    CheckNamedType(type, location);
                    return;
                case IMethodSymbol method:
                    CheckMethod(method, location);
                    return;
                case IPropertySymbol or IFieldSymbol or IEventSymbol:
                    CheckMemberAccess(symbol, location);
                    CheckSymbol(symbol switch
                    {
                        IPropertySymbol p => p.Type,
                        IFieldSymbol f => f.Type,
                        IEventSymbol e => e.Type,
                        _ => null,
                    }, location);
                    return;
                case ILocalSymbol local:
                    CheckSymbol(local.Type, location);
                    return;
                case IParameterSymbol parameter:
                    CheckSymbol(parameter.Type, location);
                    return;
                case IDiscardSymbol discard:
                    CheckSymbol(discard.Type, location);
                    return;
            }
        }

        private void CheckNamedType(INamedTypeSymbol type, Location location)
        {
            if (type.TypeKind == TypeKind.Dynamic)
            {
                Report(GateDiagnosticIds.Dynamic, "'dynamic' is not allowed.", location);
                return;
            }

            if (type.IsTupleType)
            {
                foreach (var element in type.TupleElements)
                {
                    CheckSymbol(element.Type, location);
                }

                return;
            }

            if (!IsOwn(type))
            {
                var verdict = ApiRules.CheckType(type.OriginalDefinition);
                if (verdict is { } v)
                {
                    Report(v.Id, v.Message, location);
                }
            }

            foreach (var argument in type.TypeArguments)
            {
                CheckSymbol(argument, location);
            }

            if (type.ContainingType is not null && !IsOwn(type))
            {
                CheckNamedType(type.ContainingType, location);
            }
        }

        private void CheckMethod(IMethodSymbol method, Location location)
        {
            method = method.ReducedFrom ?? method;
            if (method.MethodKind == MethodKind.FunctionPointerSignature)
            {
                Report(GateDiagnosticIds.Interop, "Function pointers are not allowed.", location);
                return;
            }

            foreach (var argument in method.TypeArguments)
            {
                CheckSymbol(argument, location);
            }

            if (IsOwn(method))
            {
                return;
            }

            CheckMemberAccess(method, location);
            CheckSymbol(method.ReturnType, location);
        }

        private void CheckMemberAccess(ISymbol member, Location location)
        {
            if (IsOwn(member) || member.ContainingType is null)
            {
                return;
            }

            CheckNamedType(member.ContainingType, location);
            var verdict = ApiRules.CheckMember(member.OriginalDefinition);
            if (verdict is { } v)
            {
                Report(v.Id, v.Message, location);
            }
        }
    }
}
