package org.multitunnel.ui.testbed.composer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.emf.common.command.BasicCommandStack;
import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.edit.command.AddCommand;
import org.eclipse.emf.edit.command.MoveCommand;
import org.eclipse.emf.edit.command.RemoveCommand;
import org.eclipse.emf.edit.command.SetCommand;
import org.eclipse.emf.edit.domain.AdapterFactoryEditingDomain;
import org.eclipse.emf.edit.provider.ReflectiveItemProviderAdapterFactory;
import org.multitunnel.agent.template.TemplateFiles;
import org.multitunnel.model.template.RegistrationTemplate;

/**
 * The composer's document: one registration template in an EMF editing domain, changed only through commands on
 * its command stack, so every edit is undoable, the dirty state is the stack's save point, and the views learn
 * of every change (undo and redo included) from one listener. Typing into one field coalesces into one command,
 * so Undo reverts the whole value typed rather than one character.
 */
public final class TemplateEditor {
    private final BasicCommandStack stack = new BasicCommandStack();
    private final AdapterFactoryEditingDomain domain = new AdapterFactoryEditingDomain(
            new ReflectiveItemProviderAdapterFactory(), stack, TemplateFiles.resourceSet());
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private RegistrationTemplate template;
    private Path file;
    private Command typing;
    private Object typingSource;
    private boolean quiet;

    public TemplateEditor() {
        stack.addCommandStackListener(e -> {
            if (!quiet) {
                listeners.forEach(Runnable::run);
            }
        });
    }

    /** Called after every change of the template or of the document (edit, undo, redo, open, save). */
    public void addListener(Runnable r) {
        listeners.add(r);
    }

    public RegistrationTemplate template() {
        return template;
    }

    /** The file the template is saved to, or null for the unsaved sample. */
    public Path file() {
        return file;
    }

    public boolean dirty() {
        return stack.isSaveNeeded();
    }

    public boolean canUndo() {
        return stack.canUndo();
    }

    public boolean canRedo() {
        return stack.canRedo();
    }

    public void undo() {
        endTyping();
        if (stack.canUndo()) {
            stack.undo();
        }
    }

    public void redo() {
        endTyping();
        if (stack.canRedo()) {
            stack.redo();
        }
    }

    /** Opens the sample template (unsaved, not dirty). */
    public void openSample() {
        replace(TemplateFiles.sample(domain.getResourceSet(), URI.createURI("memory:/" + TemplateFiles.SAMPLE_NAME)),
                null);
    }

    public void open(Path f) throws IOException {
        replace(TemplateFiles.load(domain.getResourceSet(), f), f);
    }

    public void save() throws IOException {
        if (file == null) {
            throw new IllegalStateException("the sample has no file yet: use Save As");
        }
        saveAs(file);
    }

    public void saveAs(Path f) throws IOException {
        endTyping();
        TemplateFiles.save(template, f);
        file = f;
        stack.saveIsDone();
        listeners.forEach(Runnable::run);
    }

    private void replace(RegistrationTemplate t, Path f) {
        if (template != null && template.eResource() != null && template.eResource() != t.eResource()) {
            Resource old = template.eResource();
            old.unload();
            domain.getResourceSet().getResources().remove(old);
        }
        template = t;
        file = f;
        typing = null;
        stack.flush();
        listeners.forEach(Runnable::run);
    }

    /** Sets a feature (a discrete edit: its own undo step). */
    public void set(EObject owner, EStructuralFeature f, Object value) {
        endTyping();
        if (!Objects.equals(owner.eGet(f), value)) {
            stack.execute(SetCommand.create(domain, owner, f, value));
        }
    }

    /**
     * Sets a feature as the user types into {@code source}: consecutive calls from the same source replace the
     * previous command, so the typing session is one undo step ({@link #endTyping} ends it, e.g. on focus out).
     */
    public void type(Object source, EObject owner, EStructuralFeature f, Object value) {
        if (Objects.equals(owner.eGet(f), value)) {
            return;
        }
        if (typing != null && typingSource == source && stack.getUndoCommand() == typing) {
            quiet = true; // the intermediate undo is not a change anyone needs to see
            try {
                stack.undo();
            } finally {
                quiet = false;
            }
            if (Objects.equals(owner.eGet(f), value)) { // typed back to where the session started
                endTyping();
                listeners.forEach(Runnable::run);
                return;
            }
        }
        Command c = SetCommand.create(domain, owner, f, value);
        stack.execute(c);
        typing = c;
        typingSource = source;
    }

    public void endTyping() {
        typing = null;
        typingSource = null;
    }

    /** Sets several features of one owner as one undo step. */
    public void setAll(EObject owner, java.util.Map<? extends EStructuralFeature, ?> values) {
        endTyping();
        org.eclipse.emf.common.command.CompoundCommand c = new org.eclipse.emf.common.command.CompoundCommand();
        values.forEach((f, v) -> {
            if (!Objects.equals(owner.eGet(f), v)) {
                c.append(SetCommand.create(domain, owner, f, v));
            }
        });
        if (!c.isEmpty()) {
            stack.execute(c.unwrap());
        }
    }

    public void add(EObject owner, EStructuralFeature f, Object value, int index) {
        endTyping();
        stack.execute(AddCommand.create(domain, owner, f, value, index));
    }

    public void remove(EObject owner, EStructuralFeature f, Object value) {
        endTyping();
        stack.execute(RemoveCommand.create(domain, owner, f, value));
    }

    public void move(EObject owner, EStructuralFeature f, Object value, int index) {
        endTyping();
        stack.execute(MoveCommand.create(domain, owner, f, value, index));
    }
}
