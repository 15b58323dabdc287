namespace AsiArch.Sdk.Sandbox;

/// <summary>
/// The workers a <see cref="WorkerClient"/> keeps waiting: at most one blank worker for the next probe, and the last
/// few workers that probed a candidate successfully, each for that candidate's training. Thread-safe; workers handed
/// out belong to the caller.
/// </summary>
internal sealed class WaitingWorkers : IDisposable
{
    /// <summary>Probed workers kept at once: the loop may probe the next candidate before it trains this one.</summary>
    private const int MaxProbed = 2;

    private readonly Lock _gate = new();
    private readonly List<WaitingWorker> _probed = [];
    private WaitingWorker? _blank;
    private bool _disposed;

    /// <summary>Process id of the blank worker, or null.</summary>
    public int? BlankProcessId
    {
        get
        {
            lock (_gate)
            {
                return _blank?.Process.Id;
            }
        }
    }

    /// <summary>Scratch directory of the blank worker, or null.</summary>
    public string? BlankScratch
    {
        get
        {
            lock (_gate)
            {
                return _blank?.Scratch;
            }
        }
    }

    /// <summary>Process ids and scratch directories of the probed workers waiting for their training, oldest first.</summary>
    public IReadOnlyList<(int ProcessId, string Scratch)> Probed
    {
        get
        {
            lock (_gate)
            {
                return _probed.Select(w => (w.Process.Id, w.Scratch)).ToList();
            }
        }
    }

    /// <summary>Takes the blank worker, if there is one.</summary>
    public WaitingWorker? TakeBlank()
    {
        lock (_gate)
        {
            var blank = _blank;
            _blank = null;
            return blank;
        }
    }

    /// <summary>Takes the worker that probed the candidate with <paramref name="candidateHash"/>, if one waits.</summary>
    public WaitingWorker? TakeProbed(string candidateHash)
    {
        lock (_gate)
        {
            var index = _probed.FindIndex(w => w.CandidateHash == candidateHash);
            if (index < 0)
            {
                return null;
            }

            var worker = _probed[index];
            _probed.RemoveAt(index);
            return worker;
        }
    }

    /// <summary>Keeps a worker that probed a candidate; returns the workers it displaces (or itself, once disposed) to dispose.</summary>
    public IReadOnlyList<WaitingWorker> KeepProbed(WaitingWorker worker)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return [worker];
            }

            _probed.Add(worker);
            var evicted = _probed.Take(Math.Max(0, _probed.Count - MaxProbed)).ToList();
            _probed.RemoveRange(0, evicted.Count);
            return evicted;
        }
    }

    /// <summary>Starts a blank worker with <paramref name="start"/> when none waits and the set is not disposed.</summary>
    public void EnsureBlank(Func<WaitingWorker?> start)
    {
        lock (_gate)
        {
            if (!_disposed && _blank is null)
            {
                _blank = start();
            }
        }
    }

    /// <summary>Stops every waiting worker; later workers offered are refused.</summary>
    public void Dispose()
    {
        List<WaitingWorker> all;
        lock (_gate)
        {
            _disposed = true;
            all = [.. _probed];
            if (_blank is not null)
            {
                all.Add(_blank);
            }

            _probed.Clear();
            _blank = null;
        }

        foreach (var worker in all)
        {
            worker.Dispose();
        }
    }
}
