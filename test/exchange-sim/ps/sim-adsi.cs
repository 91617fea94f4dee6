// The IIS 6 metabase as System.DirectoryServices shows it to PowerShell ([ADSI]'IIS://localhost/W3SVC'),
// for the simulated Windows Server 2003 servers. Every read and the commit call back into the
// running script's runspace (Invoke-SimAdsi in sim-windows.ps1), which reads and changes the
// simulated server; property changes wait in the entry until CommitChanges(), as in ADSI.
using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

public class SimAdsiEntry
{
    internal readonly Dictionary<string, object[]> Pending = new Dictionary<string, object[]>(StringComparer.OrdinalIgnoreCase);

    public SimAdsiEntry(string path)
    {
        Path = path;
        Call("exists");
    }

    public string Path { get; private set; }

    internal object[] Call(string operation, params object[] arguments)
    {
        using (PowerShell ps = PowerShell.Create(RunspaceMode.CurrentRunspace))
        {
            ps.AddCommand("Invoke-SimAdsi").AddParameter("Operation", operation).AddParameter("Path", Path).AddParameter("Arguments", arguments);
            var results = ps.Invoke();
            if (ps.HadErrors) throw new System.Runtime.InteropServices.COMException(ps.Streams.Error[0].ToString());
            var list = new List<object>();
            foreach (PSObject o in results) list.Add(o == null ? null : o.BaseObject);
            return list.ToArray();
        }
    }

    public string SchemaClassName { get { return (string)Call("class")[0]; } }
    public string Name { get { return Path.Substring(Path.LastIndexOf('/') + 1); } }
    public object ServerComment { get { return Properties["ServerComment"].Value; } }

    public IEnumerable Children
    {
        get
        {
            var list = new List<SimAdsiEntry>();
            foreach (object p in Call("children")) list.Add(new SimAdsiEntry((string)p));
            return list;
        }
    }

    public SimAdsiProperties Properties { get { return new SimAdsiProperties(this); } }

    public object Get(string name) { return Properties[name].Value; }
    public void Put(string name, object value) { Properties[name].Value = value; }
    public void SetInfo() { CommitChanges(); }

    public void CommitChanges()
    {
        foreach (var pair in Pending) Call("put", pair.Key, pair.Value);
        Pending.Clear();
        Call("commit");
    }

    public override string ToString() { return Path; }
}

public class SimAdsiProperties
{
    private readonly SimAdsiEntry entry;
    internal SimAdsiProperties(SimAdsiEntry entry) { this.entry = entry; }
    public SimAdsiPropertyValue this[string name] { get { return new SimAdsiPropertyValue(entry, name); } }
    public bool Contains(string name) { return entry.Call("get", name).Length > 0; }
}

public class SimAdsiPropertyValue : IEnumerable
{
    private readonly SimAdsiEntry entry;
    private readonly string name;
    internal SimAdsiPropertyValue(SimAdsiEntry entry, string name) { this.entry = entry; this.name = name; }

    private object[] Values()
    {
        object[] pending;
        if (entry.Pending.TryGetValue(name, out pending)) return pending;
        return entry.Call("get", name);
    }

    public string PropertyName { get { return name; } }
    public int Count { get { return Values().Length; } }

    public object Value
    {
        get
        {
            object[] v = Values();
            if (v.Length == 0) return null;
            if (v.Length == 1) return v[0];
            return v;
        }
        set
        {
            if (value is PSObject) value = ((PSObject)value).BaseObject;
            if (value == null) entry.Pending[name] = new object[0];
            else if (value is string || value is byte[]) entry.Pending[name] = new object[] { value };
            else if (value is IEnumerable)
            {
                var list = new List<object>();
                foreach (object o in (IEnumerable)value) list.Add(o is PSObject ? ((PSObject)o).BaseObject : o);
                entry.Pending[name] = list.ToArray();
            }
            else entry.Pending[name] = new object[] { value };
        }
    }

    public IEnumerator GetEnumerator() { return Values().GetEnumerator(); }
    public override string ToString() { object v = Value; return v == null ? "" : v.ToString(); }
}
