using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace AsiArch.Sdk.Fitness;

/// <summary>
/// A user-defined C# expression over <see cref="FitnessGlobals"/>, compiled once with Roslyn scripting. The expression
/// is configuration written by the user who runs the loop (trusted like the rest of the configuration), never
/// generated code.
/// </summary>
/// <typeparam name="T"><see cref="double"/> for a formula, <see cref="bool"/> for a filter.</typeparam>
public sealed class FitnessExpression<T>
{
    private readonly ScriptRunner<T> _runner;

    private FitnessExpression(string text, ScriptRunner<T> runner)
    {
        Text = text;
        _runner = runner;
    }

    /// <summary>The expression text.</summary>
    public string Text { get; }

    /// <summary>Compiles <paramref name="expression"/>.</summary>
    /// <param name="setting">Setting name for the error message.</param>
    /// <param name="expression">The C# expression.</param>
    /// <exception cref="InvalidFitnessExpressionException">It does not compile to a <typeparamref name="T"/>.</exception>
    public static FitnessExpression<T> Compile(string setting, string expression)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(setting);
        ArgumentException.ThrowIfNullOrWhiteSpace(expression);
        var options = ScriptOptions.Default
            .WithReferences(typeof(FitnessGlobals).Assembly, typeof(Math).Assembly, typeof(Enumerable).Assembly)
            .WithImports("System", "System.Linq", "System.Collections.Generic");
        var script = CSharpScript.Create<T>(expression, options, typeof(FitnessGlobals));
        var errors = script.Compile()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        if (errors.Count > 0)
        {
            throw new InvalidFitnessExpressionException(setting, expression, errors);
        }

        return new FitnessExpression<T>(expression, script.CreateDelegate());
    }

    /// <summary>Evaluates the expression.</summary>
    public T Evaluate(FitnessGlobals globals)
    {
        ArgumentNullException.ThrowIfNull(globals);

        // Expressions are synchronous, so the runner's task has already completed.
        return _runner(globals).GetAwaiter().GetResult();
    }
}
