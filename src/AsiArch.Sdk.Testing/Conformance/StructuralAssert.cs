using System.Collections;
using System.Globalization;
using System.Reflection;
using Xunit.Sdk;

namespace AsiArch.Sdk.Testing.Conformance;

/// <summary>
/// Deep equality for exchange records, which compare lists and dictionaries by reference: walks public properties,
/// sequences and dictionaries, treats numbers of different CLR types by value (a store may read an <c>int</c> back as
/// <c>long</c>), and reports the path of the first difference.
/// </summary>
public static class StructuralAssert
{
    /// <summary>Fails when <paramref name="expected"/> and <paramref name="actual"/> differ anywhere.</summary>
    /// <param name="expected">The expected value.</param>
    /// <param name="actual">The actual value.</param>
    public static void Equal(object? expected, object? actual)
    {
        var difference = FindDifference(expected, actual, "$", depth: 0);
        if (difference is not null)
        {
            throw new XunitException("Values differ at " + difference);
        }
    }

    private static string? FindDifference(object? expected, object? actual, string path, int depth)
    {
        if (depth > 64)
        {
            return $"{path}: nesting deeper than 64 levels";
        }

        if (expected is null || actual is null)
        {
            return expected is null && actual is null ? null : $"{path}: expected {Show(expected)}, got {Show(actual)}";
        }

        if (IsNumber(expected) && IsNumber(actual))
        {
            var e = Convert.ToDecimal(expected, CultureInfo.InvariantCulture);
            var a = Convert.ToDecimal(actual, CultureInfo.InvariantCulture);
            return e == a ? null : $"{path}: expected {e}, got {a}";
        }

        if (expected is double or float || actual is double or float)
        {
            var e = Convert.ToDouble(expected, CultureInfo.InvariantCulture);
            var a = Convert.ToDouble(actual, CultureInfo.InvariantCulture);
            return e.Equals(a) ? null : $"{path}: expected {e:R}, got {a:R}";
        }

        var type = expected.GetType();
        if (type.IsPrimitive || type.IsEnum || expected is string or DateTimeOffset or DateTime or TimeSpan or Guid or decimal)
        {
            return expected.Equals(actual) ? null : $"{path}: expected {Show(expected)}, got {Show(actual)}";
        }

        if (expected is IDictionary expectedMap && actual is IDictionary actualMap)
        {
            if (expectedMap.Count != actualMap.Count)
            {
                return $"{path}: expected {expectedMap.Count} entries, got {actualMap.Count}";
            }

            foreach (DictionaryEntry entry in expectedMap)
            {
                if (!actualMap.Contains(entry.Key))
                {
                    return $"{path}: missing key '{entry.Key}'";
                }

                var inner = FindDifference(entry.Value, actualMap[entry.Key], $"{path}[{entry.Key}]", depth + 1);
                if (inner is not null)
                {
                    return inner;
                }
            }

            return null;
        }

        if (expected is IEnumerable expectedItems && actual is IEnumerable actualItems && expected is not string)
        {
            var e = expectedItems.Cast<object?>().ToList();
            var a = actualItems.Cast<object?>().ToList();
            if (e.Count != a.Count)
            {
                return $"{path}: expected {e.Count} items, got {a.Count}";
            }

            for (var i = 0; i < e.Count; i++)
            {
                var inner = FindDifference(e[i], a[i], $"{path}[{i}]", depth + 1);
                if (inner is not null)
                {
                    return inner;
                }
            }

            return null;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.Name == "EqualityContract")
            {
                continue;
            }

            var actualProperty = actual.GetType().GetProperty(property.Name, BindingFlags.Public | BindingFlags.Instance);
            if (actualProperty is null)
            {
                return $"{path}.{property.Name}: missing on {actual.GetType().Name}";
            }

            var inner = FindDifference(property.GetValue(expected), actualProperty.GetValue(actual), $"{path}.{property.Name}", depth + 1);
            if (inner is not null)
            {
                return inner;
            }
        }

        return null;
    }

    private static bool IsNumber(object value) => value is sbyte or byte or short or ushort or int or uint or long or ulong or decimal;

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{(s.Length > 80 ? s[..80] + "..." : s)}\"",
        _ => value.ToString() ?? value.GetType().Name,
    };
}
